using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>
/// A condition whose full check is expensive for the nodes it watches, polled through a cheap gate: the full
/// check runs when the gate passes, and at least every <c>fullEvery</c> anyway, so a wait that times out still
/// reports what the full check saw (at most that long ago) rather than only the gate's view.
/// </summary>
/// <remarks>
/// Under UML a fork costs ~36 ms; a full resource-group check (cl_status, ip, /proc/drbd, the target's status on
/// both storage nodes) every second took the starting resource agents about 15 s of a 64 s start. Observing
/// must not slow down what it observes.
/// </remarks>
/// <param name="gate">The cheap check.</param>
/// <param name="full">The check whose verdict counts.</param>
/// <param name="fullEvery">The longest time between two full checks.</param>
/// <param name="time">The clock.</param>
public sealed class GatedCondition(ISteadyStateCondition gate, ISteadyStateCondition full, TimeSpan fullEvery, TimeProvider time)
    : ISteadyStateCondition
{
    private long? lastFull;
    private Probe? lastFullProbe;

    /// <inheritdoc />
    public string Name => full.Name;

    /// <inheritdoc />
    public string Remedy => full.Remedy;

    /// <inheritdoc />
    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        var g = await gate.CheckAsync(ct).ConfigureAwait(false);
        var due = lastFull is not { } at || time.GetElapsedTime(at) >= fullEvery;
        if (!g.Satisfied && !due)
            return Probe.No(lastFullProbe is { } before ? $"{gate.Name}: {g.Observed} (full check before: {before.Observed})" : $"{gate.Name}: {g.Observed}");
        lastFull = time.GetTimestamp();
        var probe = await full.CheckAsync(ct).ConfigureAwait(false);
        lastFullProbe = probe;
        return probe;
    }
}
