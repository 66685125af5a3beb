using SanChaos.Core.Errors;
using SanChaos.Core.Time;

namespace SanChaos.Faults;

/// <summary>Runs a heal under its own token with a deadline, never the caller's (a cancelled drill still heals).</summary>
internal static class Healing
{
    /// <summary>Heals <paramref name="fault"/>; returns null on success, else the error (a timeout becomes a clear one).</summary>
    public static Task<Exception?> HealWithDeadlineAsync(IFault fault, TimeSpan timeout, TimeProvider time) =>
        RunWithDeadlineAsync($"Healing '{fault.Name}'", DryRun.Targets(fault), fault.HealAsync, timeout, time);

    /// <summary>
    /// Runs <paramref name="action"/> (<paramref name="what"/>, on <paramref name="targets"/>) under its own token with
    /// <paramref name="timeout"/>; returns null on success, else the error (a timeout becomes a clear one).
    /// </summary>
    public static async Task<Exception?> RunWithDeadlineAsync(string what, string targets, Func<CancellationToken, Task> action, TimeSpan timeout, TimeProvider time)
    {
        using var cts = new CancellationTokenSource(timeout, time);
        try
        {
            await action(cts.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException e) when (cts.IsCancellationRequested)
        {
            return new SanChaosException(
                $"{what} did not finish within {Durations.Format(timeout)} (FaultSetOptions.HealTimeout).",
                "Check the targets (" + targets + ") by hand; raise FaultSetOptions.HealTimeout if the lab is just slow.", e);
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary><paramref name="data"/> plus the fault's facts (<see cref="IFaultFacts"/>) when it has any.</summary>
    public static Dictionary<string, string> WithFacts(IReadOnlyDictionary<string, string> data, IFault fault)
    {
        var d = new Dictionary<string, string>(data);
        if (fault is IFaultFacts f)
            foreach (var (k, v) in f.Facts)
                d.TryAdd(k, v);
        return d;
    }
}
