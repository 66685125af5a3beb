using System.CommandLine;
using SanChaos.Cli.Commands;

namespace SanChaos.Cli;

/// <summary>The <c>sanchaos</c> command line.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    /// <summary>The command tree (exposed for tests).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "SanChaos: failover drills and chaos for a two-node HA iSCSI SAN (DRBD, Heartbeat, iSCSI, dm-multipath).\n" +
            "Drills live in features/*.feature and run with `dotnet test tests/SanChaos.Drills.Tests --filter ...`.");
        root.Subcommands.Add(InventoryCommands.Build());
        root.Subcommands.Add(LabCommands.Build());
        foreach (var command in ConfigCommands.Build()) root.Subcommands.Add(command);
        foreach (var command in ReportCommands.Build()) root.Subcommands.Add(command);
        return root;
    }
}
