using System.CommandLine;
using SanChaos.Config;
using SanChaos.Config.Budget;
using SanChaos.Config.Lint;
using SanChaos.Config.Sources;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Remote;
using SanChaos.Labs.Uml;

namespace SanChaos.Cli.Commands;

/// <summary>
/// <c>sanchaos lint SOURCE</c> and <c>sanchaos budget SOURCE</c>: the SUT's configuration, from a folder (one subfolder
/// per node), collected from the running lab an inventory describes, or (<c>--rendered</c>) as SanChaos renders it for an inventory.
/// Exit codes: lint 0 (no error), 1 (errors found), 2 (bad input, with file and line); budget 0 or 2.
/// </summary>
internal static class ConfigCommands
{
    /// <summary>The exit code of input that cannot be read (and of any other error).</summary>
    private const int BadInput = 2;

    public static IEnumerable<Command> Build()
    {
        yield return Lint();
        yield return Budget();
    }

    private static Command Lint()
    {
        var (source, groupStart, relogin, save, rendered) = Common();
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON (for CI)." };
        var lint = new Command("lint",
            "Find split-brain risks and mistuned timeouts in the SAN's configuration: each finding with its rule, file:line, why it matters, the fix " +
            "and the drill that shows it. Exit 0 without errors, 1 with errors, 2 when the input cannot be read.")
        {
            source, json, groupStart, relogin, save, rendered,
        };
        lint.SetGuardedAction(async (parse, ct) =>
        {
            var measured = Measured(parse, groupStart, relogin);
            var config = await LoadAsync(parse.GetValue(source)!, parse.GetValue(save), parse.GetValue(rendered), ct).ConfigureAwait(false);
            var report = ConfigLint.Run(config, measured);
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? report.ToJson() + Environment.NewLine : report.ToText()).ConfigureAwait(false);
            return report.Errors > 0 ? 1 : 0;
        }, errorExit: BadInput);
        return lint;
    }

    private static Command Budget()
    {
        var (source, groupStart, relogin, save, rendered) = Common();
        var budget = new Command("budget",
            "Print the failover budget the configuration implies for each fault (primary power loss, Heartbeat death, storage switch loss, eth1 cut, " +
            "both heartbeat paths lost): detection, takeover and client-visible stall term by term with each term's source, and whether the application sees errors.")
        {
            source, groupStart, relogin, save, rendered,
        };
        budget.SetGuardedAction(async (parse, ct) =>
        {
            var measured = Measured(parse, groupStart, relogin);
            var config = await LoadAsync(parse.GetValue(source)!, parse.GetValue(save), parse.GetValue(rendered), ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteAsync(BudgetText.Render(config.Origin, FailoverBudget.All(config, measured), measured)).ConfigureAwait(false);
            return 0;
        }, errorExit: BadInput);
        return budget;
    }

    private static (Argument<string> Source, Option<string?> GroupStart, Option<string?> Relogin, Option<string?> Save, Option<bool> Rendered) Common() =>
    (
        new Argument<string>("source") { Description = "A configuration folder (one subfolder per node: otter/ha.cf, badger/multipath.conf...) or a lab inventory (lab/embedded.yaml) whose running lab is read over SSH." },
        new Option<string?>("--group-start") { Description = "Resource group start measured on this lab, in seconds: 35-55 or 40 (default: not measured, 2-60)." },
        new Option<string?>("--relogin") { Description = "iSCSI re-login measured on this lab, in seconds (default: not measured, 1-8)." },
        new Option<string?>("--save") { Description = "Also write the configuration read as a folder here (a fixture of a live lab)." },
        new Option<bool>("--rendered") { Description = "With an inventory: the configuration SanChaos would write for it, no lab needed (files only; what exists only on running nodes is missing)." }
    );

    private static MeasuredTerms Measured(ParseResult parse, Option<string?> groupStart, Option<string?> relogin)
    {
        var measured = MeasuredTerms.NotMeasured;
        if (parse.GetValue(groupStart) is { } g)
            measured = measured with { ResourceGroupStart = MeasuredTerm.Measured(Range(g, "--group-start"), $"given with --group-start {g}") };
        if (parse.GetValue(relogin) is { } r)
            measured = measured with { IscsiRelogin = MeasuredTerm.Measured(Range(r, "--relogin"), $"given with --relogin {r}") };
        return measured;
    }

    private static TimeRange Range(string text, string option) => TimeRange.Parse(text)
        ?? throw new ConfigInputException($"{option} {text}: not a duration range.", $"write seconds as min-max or one value: {option} 35-55.");

    private static async Task<SutConfiguration> LoadAsync(string source, string? save, bool rendered, CancellationToken ct)
    {
        var inventory = File.Exists(source) && Path.GetExtension(source) is ".yaml" or ".yml";
        if (rendered && !inventory)
            throw new ConfigInputException($"{source}: --rendered renders a lab inventory, and this is not one (.yaml).",
                "give an inventory such as lab/rack2.yaml, or drop --rendered to lint a configuration folder.");
        CollectedConfig collected;
        if (rendered)
            collected = RenderedConfig.From(InventoryLoader.Load(source));
        else if (Directory.Exists(source))
            collected = ConfigFolder.Load(source);
        else if (File.Exists(source) && Path.GetExtension(source) is ".yaml" or ".yml")
            collected = await CollectLiveAsync(InventoryLoader.Load(source), ct).ConfigureAwait(false);
        else
            throw new ConfigInputException($"{source}: neither a configuration folder nor a lab inventory (.yaml).",
                "give a folder with one subfolder per node (otter/, weasel/, badger/), or an inventory such as lab/embedded.yaml whose lab is running.");
        if (save is not null) ConfigFolder.Write(collected, save);
        return SutConfiguration.Parse(collected);
    }

    /// <summary>
    /// The running lab's nodes, opened the way <c>lab status</c> opens them: the embedded lab's latest run over SSH in
    /// its namespace (never through EmbeddedLab, whose disposal takes the lab down), any other kind through LabFactory.
    /// </summary>
    private static async Task<CollectedConfig> CollectLiveAsync(LabInventory inventory, CancellationToken ct)
    {
        if (inventory.Kind != LabKind.Embedded)
        {
            await using var lab = LabFactory.Create(inventory);
            return await LabConfigCollector.CollectAsync(inventory, lab.Nodes, ct: ct).ConfigureAwait(false);
        }

        var run = UmlLab.ListRuns().Where(r => r.NamespaceExists).OrderByDescending(r => r.Created).FirstOrDefault()
            ?? throw new ConfigInputException($"{inventory.SourcePath}: no embedded lab is running.", "start one with `sanchaos lab up`, or lint a collected folder.");
        var nodes = run.Nodes.Where(n => n.Running).Select(n => new SshNode(new SshNodeOptions(n.Name, n.ManagementAddress)
        {
            IdentityFile = UmlLab.DefaultSshKeyFile,
            CommandPrefix = ["ip", "netns", "exec", run.Namespace],
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })).ToArray();
        try
        {
            return await LabConfigCollector.CollectAsync(inventory, nodes.ToDictionary(n => n.Name, n => (INode)n), ct: ct).ConfigureAwait(false);
        }
        finally
        {
            foreach (var n in nodes) await n.DisposeAsync().ConfigureAwait(false);
        }
    }
}
