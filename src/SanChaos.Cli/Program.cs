using System.CommandLine;
using SanChaos.Cli.Commands;

namespace SanChaos.Cli;

/// <summary>The <c>sanchaos</c> command line.</summary>
public static class Program
{
    /// <summary>Entry point. Errors end as <see cref="CliErrors"/> lines and a non-zero exit, never a stack trace.</summary>
    public static async Task<int> Main(string[] args)
    {
        try
        {
            // Every action reports its own errors (CliErrors.SetGuardedAction); this catches what escapes them.
            return await BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, Console.Error);
        }
    }

    /// <summary>The command tree (exposed for tests).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "SanChaos: failover drills and chaos for a two-node HA iSCSI SAN (DRBD, Heartbeat, iSCSI, dm-multipath).\n" +
            "Drills live in features/*.feature and run with `dotnet test tests/SanChaos.Drills.Tests --filter ...`.");
        root.Subcommands.Add(InventoryCommands.Build());
        root.Subcommands.Add(LabCommands.Build());
        root.Subcommands.Add(FaultCommands.Build());
        foreach (var command in ConfigCommands.Build()) root.Subcommands.Add(command);
        foreach (var command in ReportCommands.Build()) root.Subcommands.Add(command);
        root.Subcommands.Add(UpgradeCheckCommands.Build());
        return root;
    }
}
