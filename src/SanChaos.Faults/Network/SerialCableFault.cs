using SanChaos.Labs;

namespace SanChaos.Faults.Network;

/// <summary>Pull the null-modem serial cable (<see cref="ISerialCableControl.PullAsync"/>); heal = plug it back (idempotent).</summary>
internal sealed class SerialCableFault(string end1, string end2, ISerialCableControl serial) : IFault, IDescribesActions
{
    public string Name => "pull the serial cable";

    public FaultDescriptor Descriptor { get; } = new(FaultKinds.PullSerialCable);

    public IReadOnlyList<FaultTarget> Targets { get; } = [FaultTarget.SerialCable(end1, end2)];

    public Task InjectAsync(CancellationToken ct = default) => serial.PullAsync(ct);

    public Task HealAsync(CancellationToken ct = default) => serial.PlugAsync(ct);

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) =>
        [phase == FaultPhase.Inject ? $"pull the serial cable between {end1} and {end2}" : $"plug the serial cable between {end1} and {end2} back in"];
}
