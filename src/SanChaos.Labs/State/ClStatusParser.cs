using SanChaos.Core.Commands;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>Parses Heartbeat's <c>cl_status</c> output (hbstatus, rscstatus, nodestatus, hblinkstatus).</summary>
public static class ClStatusParser
{
    /// <summary><c>cl_status hbstatus</c>: exit 0 means heartbeat runs on the node.</summary>
    public static bool IsRunning(CommandResult hbstatus) => hbstatus.Succeeded;

    /// <summary><c>cl_status rscstatus</c>: none, local, foreign, all or transition.</summary>
    public static HeartbeatResourceStatus ParseResourceStatus(string text, CommandCatalog? catalog = null) =>
        ParseWord(text, catalog) switch
        {
            "none" => HeartbeatResourceStatus.None,
            "local" => HeartbeatResourceStatus.Local,
            "foreign" => HeartbeatResourceStatus.Foreign,
            "all" => HeartbeatResourceStatus.All,
            "transition" => HeartbeatResourceStatus.Transition,
            _ => HeartbeatResourceStatus.Unknown,
        };

    /// <summary>
    /// The single lower-case word <c>cl_status nodestatus</c> (active, up, init, dead, ping) or
    /// <c>hblinkstatus</c> (up, dead) prints, or null.
    /// </summary>
    public static string? ParseWord(string text, CommandCatalog? catalog = null)
    {
        var p = (catalog ?? CommandCatalog.Default).Pattern("cl_status_word");
        foreach (var line in OutputLines.Of(text))
            if (p.Match(line.Trim()) is { Success: true } m)
                return m.Groups["word"].Value;
        return null;
    }
}
