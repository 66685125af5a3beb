using System.Globalization;
using System.Text;

namespace SanChaos.Session;

/// <summary>Renders where the time of a lab up went, and the nodes' host memory (CLI and benchmarks).</summary>
public static class LabUpReportText
{
    /// <summary>The split: image, fabric, boot per node, provisioning phases, steady state, total.</summary>
    public static string Render(LabUpReport r)
    {
        var sb = new StringBuilder();
        void Line(string what, TimeSpan t) => sb.Append(CultureInfo.InvariantCulture, $"  {what,-34} {t.TotalSeconds,7:0.0} s\n");
        sb.Append("Lab up, where the time went:\n");
        if (r.Substrate is { } s)
        {
            Line(s.ImageWasCached ? "image (cached)" : "image (built)", s.Image);
            Line("network fabric", s.Fabric);
            foreach (var (node, t) in s.BootToSsh) Line($"boot to SSH: {node}", t);
        }

        foreach (var (phase, t) in r.Provisioning.PhaseDurations) Line($"provision: {phase}", t);
        Line("steady state", r.SteadyState);
        Line("total", r.Total);
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
