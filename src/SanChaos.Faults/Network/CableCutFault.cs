using SanChaos.Labs;

namespace SanChaos.Faults.Network;

/// <summary>Cut the cable of one node interface (<see cref="ICableControl.CutAsync"/>); heal = restore it (idempotent).</summary>
internal sealed class CableCutFault(string name, string node, string nic, ICableControl cables) : IFault, IDescribesActions
{
    public string Name { get; } = name;

    public FaultDescriptor Descriptor { get; } = new(FaultKinds.CutCable, new Dictionary<string, string> { ["node"] = node, ["nic"] = nic });

    public IReadOnlyList<FaultTarget> Targets { get; } = [FaultTarget.Interface(node, nic)];

    public Task InjectAsync(CancellationToken ct = default) => cables.CutAsync(node, nic, ct);

    public Task HealAsync(CancellationToken ct = default) => cables.RestoreAsync(node, nic, ct);

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) =>
        [cables.Describe(node, nic, cut: phase == FaultPhase.Inject)];
}
