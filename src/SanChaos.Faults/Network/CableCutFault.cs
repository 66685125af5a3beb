using SanChaos.Core.History;
using SanChaos.Labs;

namespace SanChaos.Faults.Network;

/// <summary>
/// Cut the cable of one node interface (<see cref="ICableControl.CutAsync"/>); heal = restore it (idempotent). Its facts
/// carry when the cut (or restore) took effect (<see cref="PhysicalMoment"/>): when the lab's call returned (it sets the
/// port last), not before it was asked.
/// </summary>
internal sealed class CableCutFault(string name, string node, string nic, ICableControl cables, TimeProvider time) : IFault, IDescribesActions, IFaultFacts
{
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public FaultDescriptor Descriptor { get; } = new(FaultKinds.CutCable, new Dictionary<string, string> { ["node"] = node, ["nic"] = nic });

    public IReadOnlyList<FaultTarget> Targets { get; } = [FaultTarget.Interface(node, nic)];

    public IReadOnlyDictionary<string, string> Facts => _facts;

    public Task InjectAsync(CancellationToken ct = default) => TimedAsync("cut", t => cables.CutAsync(node, nic, t), ct);

    public Task HealAsync(CancellationToken ct = default) => TimedAsync("restored", t => cables.RestoreAsync(node, nic, t), ct);

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) =>
        [cables.Describe(node, nic, cut: phase == FaultPhase.Inject)];

    private async Task TimedAsync(string what, Func<CancellationToken, Task> change, CancellationToken ct)
    {
        var asked = time.GetUtcNow();
        await change(ct).ConfigureAwait(false);
        var done = time.GetUtcNow();
        PhysicalMoment.Record(_facts, done, PhysicalMoment.FromCableCut,
            $"the cable of {node} {nic} was {what} by {PhysicalMoment.Clock(done)} (asked at {PhysicalMoment.Clock(asked)})", notBefore: asked, notAfter: done);
    }
}
