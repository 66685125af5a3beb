using SanChaos.Core.Errors;

namespace SanChaos.Core.Waiting;

/// <summary>
/// The one wait primitive: poll a condition until it holds, its deadline passes or the run is cancelled.
/// Every wait in SanChaos goes through here (no sleep loops elsewhere).
/// </summary>
public static class Wait
{
    /// <summary>
    /// Polls <paramref name="check"/> every <paramref name="interval"/> until it reports
    /// <see cref="Probe.Satisfied"/>; throws <see cref="WaitTimeoutException"/> naming the condition and
    /// the last observation when <paramref name="timeout"/> passes. An exception from the check counts as
    /// "not yet" and its message becomes the observation.
    /// </summary>
    /// <param name="condition">Human description, e.g. "DRBD Connected on otter".</param>
    /// <param name="check">The probe; receives a token cancelled at the deadline.</param>
    /// <param name="timeout">Deadline, measured on <paramref name="time"/>'s monotonic clock.</param>
    /// <param name="interval">Pause between checks.</param>
    /// <param name="time">Clock (fake in tests).</param>
    /// <param name="remedy">What to do if it times out.</param>
    /// <param name="ct">Cancels the wait (the run was cancelled).</param>
    /// <returns>The satisfied probe.</returns>
    public static async Task<Probe> UntilAsync(
        string condition,
        Func<CancellationToken, Task<Probe>> check,
        TimeSpan timeout,
        TimeSpan interval,
        TimeProvider? time = null,
        string remedy = "",
        CancellationToken ct = default)
    {
        time ??= TimeProvider.System;
        var start = time.GetTimestamp();
        var attempts = 0;
        var last = "(not checked yet)";
        Exception? lastError = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var remaining = timeout - time.GetElapsedTime(start);
            // A pause that overshot the deadline (a loaded machine) ends the wait: no check runs unbounded.
            if (attempts > 0 && remaining <= TimeSpan.Zero)
                throw new WaitTimeoutException(condition, timeout, last, attempts, remedy, lastError);
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (remaining > TimeSpan.Zero) attemptCts.CancelAfter(remaining);
            attempts++;
            try
            {
                var p = await check(attemptCts.Token).ConfigureAwait(false);
                if (p.Satisfied) return p;
                last = p.Observed;
                lastError = null;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && attemptCts.IsCancellationRequested)
            {
                // The deadline cut this check short: the wait is over (the timer may fire a hair before the clock reads the
                // deadline, and a sub-millisecond remainder cancels at once), with what the previous check saw.
                throw new WaitTimeoutException(condition, timeout, last + " (the last check was cut off by the deadline)", attempts, remedy, lastError);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                last = $"{e.GetType().Name}: {e.Message}";
                lastError = e;
            }

            if (time.GetElapsedTime(start) >= timeout)
                throw new WaitTimeoutException(condition, timeout, last, attempts, remedy, lastError);
            var pause = Min(interval, timeout - time.GetElapsedTime(start));
            if (pause > TimeSpan.Zero) await Task.Delay(pause, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The other half of waiting: checks <paramref name="check"/> every <paramref name="interval"/> for
    /// <paramref name="duration"/> and throws <see cref="SanChaosException"/> at the first check that does not
    /// hold, saying when in the window and what was seen. A check that throws counts as not holding.
    /// </summary>
    /// <param name="what">The invariant, e.g. "exactly one node holds the resources".</param>
    /// <param name="check">The probe.</param>
    /// <param name="duration">How long it must hold.</param>
    /// <param name="interval">Pause between checks.</param>
    /// <param name="time">Clock (fake in tests).</param>
    /// <param name="ct">Cancels the watch.</param>
    /// <returns>The number of checks made.</returns>
    public static async Task<int> ThroughoutAsync(
        string what, Func<CancellationToken, Task<Probe>> check, TimeSpan duration, TimeSpan interval, TimeProvider? time = null, CancellationToken ct = default)
    {
        time ??= TimeProvider.System;
        var start = time.GetTimestamp();
        var checks = 0;
        do
        {
            ct.ThrowIfCancellationRequested();
            Probe p;
            try
            {
                p = await check(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                p = Probe.No($"{e.GetType().Name}: {e.Message}");
            }

            checks++;
            if (!p.Satisfied)
                throw new SanChaosException(
                    $"{what} did not hold {time.GetElapsedTime(start).TotalSeconds:0.0} s into the {duration.TotalSeconds:0.#} s window (check {checks}): {p.Observed}",
                    "this is what the system under test did; the history and the nodes' logs around that moment say why.");
            var pause = Min(interval, duration - time.GetElapsedTime(start));
            if (pause > TimeSpan.Zero) await Task.Delay(pause, time, ct).ConfigureAwait(false);
        }
        while (time.GetElapsedTime(start) < duration);

        return checks;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
