using System.CommandLine;
using System.Diagnostics;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Gherkin.Xunit;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Session.Keeper;

namespace SanChaos.Cli.Commands;

/// <summary>
/// <c>sanchaos upgrade-check</c>: the selected drills on the build before and the build after an upgrade, each in a lab of
/// its own, then the comparison of <c>sanchaos compare</c> (verdicts and timing figures before and after, regressions past
/// a threshold). On a rack, where the upgrade is done by hand, <c>--before</c> and <c>--after</c> compare two run folders.
/// </summary>
internal static class UpgradeCheckCommands
{
    public static Command Build()
    {
        var from = new Option<string?>("--from")
        {
            Description = "The build before, e.g. 6.1/bookworm/lio or kernel=6.1 (see `lab up --build`), or an inventory file (a .yaml: the SAN as it configures, e.g. lab/embedded.yaml).",
        };
        var to = new Option<string?>("--to") { Description = "The build after, e.g. 7.2-seccomp/bookworm/lio, or an inventory file (e.g. the same lab with a changed Heartbeat deadtime)." };
        var filter = new Option<string>("--filter")
        {
            Description = "Which drills (a `dotnet test --filter` expression).", DefaultValueFactory = _ => "Category=smoke",
        };
        var before = new Option<string?>("--before") { Description = "Instead of running: the run folder taken before a real upgrade (a rack)." };
        var after = new Option<string?>("--after") { Description = "...and the run folder taken after it." };
        var threshold = new Option<string>("--threshold") { Description = "A figure regresses when it gets worse by more than this share, e.g. 10%.", DefaultValueFactory = _ => "10%" };
        var minTime = new Option<string>("--min-time-change") { Description = "...and, for a time, by at least this much.", DefaultValueFactory = _ => "500 ms" };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON." };
        var command = new Command("upgrade-check",
            "Does failover still work after an upgrade, and did it get slower? Runs the drills on --from and on --to (a lab each), then compares " +
            "verdicts and figures. Exit 1 on a regression or a drill that passed before and not after, 2 on an error.")
        {
            from, to, filter, before, after, threshold, minTime, json,
        };
        command.SetGuardedAction((parse, ct) => RunAsync(parse.GetValue(from), parse.GetValue(to), parse.GetValue(filter)!, parse.GetValue(before),
            parse.GetValue(after), parse.GetValue(threshold)!, parse.GetValue(minTime)!, parse.GetValue(json), ct), errorExit: 2);
        return command;
    }

    private static async Task<int> RunAsync(string? from, string? to, string filter, string? before, string? after, string threshold, string minTime,
        bool json, CancellationToken ct)
    {
        // Read before any drill runs: a typo must not cost two lab ups.
        var options = ReportCommands.ComparisonOptionsOf(threshold, minTime);
        string baseline, candidate;
        if (before is not null || after is not null)
        {
            if (before is null || after is null || from is not null || to is not null)
                throw new SanChaosException("upgrade-check takes either --from and --to (run the drills on two builds) or --before and --after (two run folders).",
                    "e.g. `sanchaos upgrade-check --from 6.1/bookworm/lio --to 7.2-seccomp/bookworm/lio`.");
            (baseline, candidate) = (before, after);
        }
        else
        {
            if (from is null || to is null)
                throw new SanChaosException("upgrade-check needs --from and --to.", SutBuild.Help());
            var inventory = InventoryLoader.Load(InventoryLoader.ResolvePath(Repository.Root()));
            var fromSide = Side.Of(from, "--from", inventory);
            var toSide = Side.Of(to, "--to", inventory);
            if (KeeperRecord.Read(KeeperPaths.Default) is { Alive: true } kept)
                throw new SanChaosException($"A kept lab runs (keeper PID {kept.Pid}); upgrade-check brings up a lab of each build itself.",
                    "take it down first: `sanchaos lab down`.");
            var stamp = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}";
            var root = Path.Combine(Repository.Root(), "reports", "upgrade-check", stamp);
            baseline = await RunDrillsAsync(fromSide, Path.Combine(root, "before"), filter, ct).ConfigureAwait(false);
            candidate = await RunDrillsAsync(toSide, Path.Combine(root, "after"), filter, ct).ConfigureAwait(false);
            Console.WriteLine($"before: {fromSide}, run {baseline}");
            Console.WriteLine($"after:  {toSide}, run {candidate}");
        }

        return ReportCommands.Compare(baseline, candidate, options, json, Console.Out);
    }

    /// <summary>
    /// One side of the comparison: a build of the inventory $SANCHAOS_LAB names, or an inventory of its own (a .yaml file: the
    /// same SAN with a changed setting, such as a longer Heartbeat deadtime), checked before any drill runs.
    /// </summary>
    private sealed record Side(string? Build, string? Inventory, string Name)
    {
        public static Side Of(string value, string option, Inventory.Model.LabInventory inventory)
        {
            if (!value.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !value.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                return new Side(inventory.Sut.WithBuild(value, option).BuildName, null, inventory.Sut.WithBuild(value, option).BuildName);
            var path = Path.GetFullPath(value);
            var other = InventoryLoader.Load(path); // an error names the file and line now, not after the first lab up
            return new Side(null, path, $"{Path.GetRelativePath(Repository.Root(), path)} ({other.Sut.BuildName})");
        }

        public override string ToString() => Name;
    }

    /// <summary>The drills of <paramref name="filter"/> on <paramref name="side"/>, results in <paramref name="runFolder"/>.</summary>
    private static async Task<string> RunDrillsAsync(Side side, string runFolder, string filter, CancellationToken ct)
    {
        var build = side.Name;
        Directory.CreateDirectory(runFolder);
        var project = Path.Combine(Repository.Root(), "tests", "SanChaos.Drills.Tests");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Repository.Root() };
        foreach (var a in new[] { "test", project, "--filter", filter }) psi.ArgumentList.Add(a);
        if (side.Build is not null) psi.Environment[InventoryLoader.BuildVariable] = side.Build;
        if (side.Inventory is not null)
        {
            psi.Environment[InventoryLoader.EnvironmentVariable] = side.Inventory;
            psi.Environment.Remove(InventoryLoader.BuildVariable);
        }

        psi.Environment[DrillHost.ResultsVariable] = Path.Combine(runFolder, "scenarios.jsonl");
        Console.Error.WriteLine($"upgrade-check: drills ({filter}) on {build}, results in {runFolder}");
        using var p = Process.Start(psi) ?? throw new SanChaosException("Could not start `dotnet test`.", "check that the .NET SDK is installed (see README).");
        try
        {
            await p.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Our own children only. Killing vstest alone leaves xunit's test process running with its lab (seen here),
            // so the whole tree goes; what the lab left (namespace, run directory) is reaped by the next `lab up` or `lab down`.
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            Console.Error.WriteLine("upgrade-check: cancelled; run `sanchaos lab down` to reap what the drills' lab left.");
            throw;
        }

        // A drill that fails is a result to compare, not an error; a run that recorded nothing is.
        if (!File.Exists(Path.Combine(runFolder, "scenarios.jsonl")))
            throw new SanChaosException($"The drills on {build} recorded no scenario (dotnet test exited {p.ExitCode}).",
                "read the dotnet test output above; check the filter selects drills (e.g. Category=smoke).");
        return runFolder;
    }
}
