using System.Globalization;
using SanChaos.Core.Time;
using SanChaos.Labs;

namespace SanChaos.Faults.Network;

/// <summary>
/// Degrade one node interface's link (delay, jitter, loss; <see cref="ILinkShaping.DegradeAsync"/>); heal = make it
/// clean (idempotent). A second degradation of the same link replaces the first, and either heal cleans the link.
/// </summary>
internal sealed class LinkDegradationFault(string node, string nic, LinkDegradation degradation, ILinkShaping shaping) : IFault, IDescribesActions
{
    public string Name { get; } = $"degrade {node} {nic} ({Describe(degradation)})";

    public FaultDescriptor Descriptor { get; } = new(FaultKinds.DegradeLink, new Dictionary<string, string>
    {
        ["node"] = node,
        ["nic"] = nic,
        ["delay_ms"] = Number(degradation.Delay.TotalMilliseconds),
        ["jitter_ms"] = Number(degradation.Jitter.TotalMilliseconds),
        ["loss_percent"] = Number(degradation.LossPercent),
    });

    public IReadOnlyList<FaultTarget> Targets { get; } = [FaultTarget.Interface(node, nic)];

    public Task InjectAsync(CancellationToken ct = default) => shaping.DegradeAsync(node, nic, degradation, ct);

    public Task HealAsync(CancellationToken ct = default) => shaping.CleanAsync(node, nic, ct);

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) =>
        [phase == FaultPhase.Inject
            ? $"degrade the link of {node} {nic} in both directions (netem {degradation.NetemArguments()})"
            : $"make the link of {node} {nic} clean again"];

    /// <summary>"delay 200 ms ± 20 ms, loss 5 %".</summary>
    public static string Describe(LinkDegradation d)
    {
        var parts = new List<string>();
        if (d.Delay > TimeSpan.Zero) parts.Add($"delay {Durations.Format(d.Delay)}{(d.Jitter > TimeSpan.Zero ? $" ± {Durations.Format(d.Jitter)}" : "")}");
        if (d.LossPercent > 0) parts.Add($"loss {Number(d.LossPercent)} %");
        return parts.Count == 0 ? "no change" : string.Join(", ", parts);
    }

    public static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
