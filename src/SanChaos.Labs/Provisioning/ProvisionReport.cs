using System.Globalization;
using System.Text;

namespace SanChaos.Labs.Provisioning;

/// <summary>What provisioning did and how long each part took.</summary>
/// <param name="Steps">Every step, in the order they finished.</param>
/// <param name="Total">Wall time of the whole run.</param>
/// <param name="Wwid">The LUN WWID multipath.conf carries at the end.</param>
/// <param name="Notes">Things worth telling (e.g. a WWID corrected from the client's view).</param>
public sealed record ProvisionReport(IReadOnlyList<StepTiming> Steps, TimeSpan Total, string Wwid, IReadOnlyList<string> Notes)
{
    /// <summary>Per phase, the wall time from its first step's start to its last step's end.</summary>
    public IReadOnlyDictionary<ProvisionPhase, TimeSpan> PhaseDurations =>
        Steps.GroupBy(s => s.Phase).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Max(s => s.End) - g.Min(s => s.Start));

    /// <summary>Per phase, its first step's start (from the beginning of provisioning) and its wall time.</summary>
    public IReadOnlyDictionary<ProvisionPhase, (TimeSpan Start, TimeSpan Duration)> PhaseSpans =>
        Steps.GroupBy(s => s.Phase).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (g.Min(s => s.Start), g.Max(s => s.End) - g.Min(s => s.Start)));

    /// <summary>The phase split and the steps, for a terminal or a report attachment.</summary>
    public string ToTable()
    {
        var sb = new StringBuilder();
        foreach (var (phase, d) in PhaseDurations)
            sb.Append(CultureInfo.InvariantCulture, $"{phase,-20} {d.TotalSeconds,8:0.00} s\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"total",-20} {Total.TotalSeconds,8:0.00} s\n\n");
        foreach (var s in Steps)
            sb.Append(CultureInfo.InvariantCulture,
                $"{s.Start.TotalSeconds,8:0.00} +{s.Duration.TotalSeconds,6:0.00} s  {s.Node,-8} {(s.Skipped ? "skipped " : "")}{s.Step}{(s.Detail is null ? "" : $": {s.Detail}")}\n");
        foreach (var n in Notes) sb.Append("note: ").Append(n).Append('\n');
        return sb.ToString();
    }
}
