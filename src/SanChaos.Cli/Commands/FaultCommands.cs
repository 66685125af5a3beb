using System.CommandLine;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Kinds;
using SanChaos.Session;
using SanChaos.Session.Keeper;

namespace SanChaos.Cli.Commands;

/// <summary>
/// <c>sanchaos fault list|inject|heal</c>: the drills' faults by hand, on the running lab (the keeper's lab of
/// <c>lab up --detach</c>, or a rack). Every injected fault is journalled (<see cref="FaultJournal.MachinePath"/>) and stays
/// injected until <c>fault heal</c>, the next drill, or <c>lab down</c> heals it; the interlocks are the drills'.
/// </summary>
internal static class FaultCommands
{
    public static Command Build()
    {
        var fault = new Command("fault", "Inject and heal the drills' faults by hand on the running lab (`sanchaos lab up --detach` first for the embedded lab).");
        var list = new Command("list", "The faults, their arguments, and the ones injected now (from the journal).");
        list.SetGuardedAction((_, _) => Task.FromResult(List()));

        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be done, do nothing (also SANCHAOS_DRY_RUN=1)." };
        var kind = new Argument<string>("fault") { Description = "The fault (see `sanchaos fault list`)." };
        var args = new Argument<string[]>("arguments") { Description = "Its arguments (node, interface...).", Arity = ArgumentArity.ZeroOrMore };
        var inject = new Command("inject", "Inject one fault and leave it injected (journalled), e.g. `sanchaos fault inject cut-cable otter eth1`.");
        inject.Arguments.Add(kind);
        inject.Arguments.Add(args);
        inject.Options.Add(dryRun);
        inject.SetGuardedAction((p, ct) => InjectAsync(p.GetValue(kind)!, p.GetValue(args) ?? [], p.GetValue(dryRun), ct));

        var id = new Argument<string?>("id") { Description = "The journal id of the fault to heal (see `sanchaos fault list`).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Heal every journalled fault (also those a killed drill left)." };
        var heal = new Command("heal", "Heal one journalled fault by its id, or all of them with --all.");
        heal.Arguments.Add(id);
        heal.Options.Add(all);
        heal.Options.Add(dryRun);
        heal.SetGuardedAction((p, ct) => HealAsync(p.GetValue(id), p.GetValue(all), p.GetValue(dryRun), ct));

        fault.Subcommands.Add(list);
        fault.Subcommands.Add(inject);
        fault.Subcommands.Add(heal);
        return fault;
    }

    private static int List()
    {
        Console.WriteLine("FAULT (sanchaos fault inject ...)                  WHAT");
        foreach (var u in FaultCommandLine.All) Console.WriteLine($"{u.Syntax,-50} {u.Summary}");
        var journal = new FaultJournal(FaultJournal.MachinePath).Read();
        Console.WriteLine();
        if (journal.Count == 0)
        {
            Console.WriteLine($"Nothing is injected ({FaultJournal.MachinePath} is empty).");
            return 0;
        }

        Console.WriteLine($"Injected now ({FaultJournal.MachinePath}; `sanchaos fault heal ID` or `--all`):");
        foreach (var e in journal) Console.WriteLine($"  {e.Id}  {e.Name,-40} since {e.Since:u}  run {e.RunId}, PID {e.ProcessId}  {e.Descriptor}");
        return 0;
    }

    private static async Task<int> InjectAsync(string kind, string[] arguments, bool dryRun, CancellationToken ct)
    {
        await using var lab = OpenLab();
        var catalog = new FaultCatalog(lab);
        var fault = FaultCommandLine.Create(catalog, kind, arguments);
        var run = new RunContext();
        // Not disposed: disposing a fault set heals what it injected; this one leaves its fault injected, in the journal.
        var faults = new FaultSet(run, lab.Inventory, new FaultSetOptions
        {
            Journal = new FaultJournal(FaultJournal.MachinePath),
            DryRun = dryRun ? true : null,
            Output = Console.Error.WriteLine,
        });
        await faults.InjectAsync(fault, ct).ConfigureAwait(false);
        if (faults.IsDryRun) return 0;
        var entry = new FaultJournal(FaultJournal.MachinePath).Read().LastOrDefault(e => e.RunId == run.RunId);
        Console.WriteLine($"injected: {fault.Name}{Facts(fault)}");
        Console.WriteLine($"journal id {entry?.Id ?? "?"}: heal it with `sanchaos fault heal {entry?.Id}` (or `--all`); `sanchaos lab down` heals it too.");
        return 0;
    }

    private static async Task<int> HealAsync(string? id, bool all, bool dryRun, CancellationToken ct)
    {
        if (id is null == !all)
            throw new SanChaosException("Name one journalled fault by its id, or give --all (not both).", "see `sanchaos fault list` for the ids.");
        var journal = new FaultJournal(FaultJournal.MachinePath);
        var entries = journal.Read();
        if (entries.Count == 0)
        {
            Console.WriteLine("Nothing to heal: the journal is empty.");
            return 0;
        }

        await using var lab = OpenLab();
        var catalog = new FaultCatalog(lab);
        if (all)
        {
            var healed = await journal.HealLeftoversAsync(catalog.Rebuild, null,
                new FaultSetOptions { DryRun = dryRun ? true : null, Output = Console.Error.WriteLine }).ConfigureAwait(false);
            foreach (var e in healed) Console.WriteLine($"healed: {e.Name} ({e.Id})");
            return 0;
        }

        var matches = entries.Where(e => e.Id.StartsWith(id!, StringComparison.Ordinal)).ToArray();
        var entry = matches.Length == 1 ? matches[0]
            : throw new SanChaosException(matches.Length == 0 ? $"No journalled fault has the id {id}." : $"The id {id} names {matches.Length} faults.",
                $"use one of: {string.Join(", ", entries.Select(e => $"{e.Id} ({e.Name})"))}.");
        var fault = catalog.Rebuild(entry.Descriptor);
        if (dryRun)
        {
            Console.WriteLine($"DRY RUN: would heal {entry.Name} ({entry.Descriptor})");
            return 0;
        }

        await fault.HealAsync(ct).ConfigureAwait(false);
        journal.Remove(entry.Id);
        Console.WriteLine($"healed: {entry.Name} ({entry.Id}){Facts(fault)}");
        return 0;
    }

    private static string Facts(IFault fault) =>
        fault is IFaultFacts { Facts.Count: > 0 } f ? ": " + string.Join(", ", f.Facts.Select(kv => $"{kv.Key} {kv.Value}")) : "";

    /// <summary>The running lab: the keeper's (embedded), or the rack the inventory names (nothing is provisioned).</summary>
    private static ILab OpenLab()
    {
        var inventory = InventoryLoader.LoadForRun(InventoryLoader.ResolvePath(SharedLab.RepositoryRoot()));
        if (inventory.Kind != Inventory.Model.LabKind.Embedded) return LabFactory.Create(inventory);
        return AttachedLab.TryAttach(inventory)
               ?? throw new SanChaosException("No detached embedded lab is running: its PDU and serial cable live in the process that holds it.",
                   "start one with `sanchaos lab up --detach`, then inject; a `lab up` in the foreground cannot be driven from another process.");
    }
}
