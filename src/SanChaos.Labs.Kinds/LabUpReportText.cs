using System.Globalization;
using System.Text;

namespace SanChaos.Labs.Kinds;

/// <summary>Renders where the time of a lab up went, and the nodes' host memory (CLI and benchmarks).</summary>
public static class LabUpReportText
{
    /// <summary>
    /// The split as a timeline: image, fabric, boot per node, provisioning phases, steady state, each with when it
    /// started (from the start of the up) and how long it took; a part that ran alongside an earlier one (a client
    /// booting while the storage nodes provision) says so, so the durations are not read as a sum.
    /// </summary>
    public static string Render(LabUpReport r)
    {
        var sb = new StringBuilder();
        var spans = new List<(TimeSpan Start, TimeSpan End)>();
        void Line(string what, TimeSpan? start, TimeSpan t)
        {
            var alongside = start is { } s0 && spans.Any(p => s0 < p.End - TimeSpan.FromMilliseconds(100) && s0 + t > p.Start);
            var at = start is { } s ? string.Create(CultureInfo.InvariantCulture, $"@{s.TotalSeconds,6:0.0} s") : new string(' ', 9);
            sb.Append(CultureInfo.InvariantCulture, $"  {what,-32} {at}  {t.TotalSeconds,7:0.0} s{(alongside ? "  (alongside)" : "")}\n");
            if (start is { } b) spans.Add((b, b + t));
        }

        sb.Append("Lab up, where the time went (start, duration):\n");
        if (r.Substrate is { } sub)
        {
            Line(sub.ImageWasCached ? "image (cached)" : "image (built)", null, sub.Image);
            Line("network fabric", null, sub.Fabric);
            foreach (var (node, t) in sub.BootToSsh.OrderBy(b => sub.BootStartedAt.GetValueOrDefault(b.Key)))
                Line($"boot to SSH: {node}", sub.BootStartedAt.TryGetValue(node, out var at) ? at : null, t);
        }

        var p0 = r.ProvisioningStartedAt;
        foreach (var (phase, (start, t)) in r.Provisioning.PhaseSpans) Line($"provision: {phase}", p0 + start, t);
        Line("steady state", r.Total - r.SteadyState, r.SteadyState);
        Line("total", null, r.Total);
        return sb.ToString();
    }

    /// <summary>PSS and RSS per node and the PSS total.</summary>
    public static string Memory(IReadOnlyDictionary<string, Labs.Uml.UmlNodeMemory> nodes)
    {
        var sb = new StringBuilder("Host memory of the nodes (PSS: shared guest memory counted once):\n");
        foreach (var m in nodes.Values)
            sb.Append(CultureInfo.InvariantCulture, $"  {m.Node,-8} mem={m.GuestMemoryMb,4}M  {m.Processes,3} processes  PSS {m.PssKb / 1024.0,7:0.0} MiB  RSS {m.RssKb / 1024.0,7:0.0} MiB\n");
        sb.Append(CultureInfo.InvariantCulture, $"  {"total",-8} PSS {nodes.Values.Sum(m => m.PssKb) / 1024.0:0.0} MiB\n");
        return sb.ToString();
    }
}
