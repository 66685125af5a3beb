using System.Runtime.ExceptionServices;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Inventory.Model;

namespace SanChaos.Faults;

/// <summary>
/// The faults of one drill (scenario): injects them through the safety interlocks (<see cref="FaultGuard"/>), refuses
/// a second injection of an active fault, journals them (<see cref="FaultSetOptions.Journal"/>) and records every
/// step in the run's history; heals them one by one or all together in reverse order, each under its own deadline,
/// so a cancelled drill still heals. Disposing it heals everything still active.
/// </summary>
/// <remarks>
/// A drill wires it like this: create one per scenario with the run's <see cref="RunContext"/> and the lab's inventory,
/// inject faults from a <see cref="Catalog.FaultCatalog"/>, and call <see cref="HealAllAsync"/> in the after-scenario
/// hook (or <c>finally</c>), whose errors the runner reports beside the step's failure. <c>await using</c> works too,
/// but a heal failure thrown by <see cref="DisposeAsync"/> would hide an exception already in flight.
/// </remarks>
public sealed class FaultSet : IAsyncDisposable
{
    private readonly RunContext _run;
    private readonly LabInventory _inventory;
    private readonly FaultSetOptions _o;
    private readonly object _gate = new();
    private readonly List<Entry> _active = [];
    private long _sequence;
    private bool _disposed;

    /// <summary>Creates an empty set.</summary>
    /// <param name="run">The run: its id labels journal entries, its history receives the events, its clock stamps them.</param>
    /// <param name="inventory">The lab's inventory, for the safety interlocks.</param>
    /// <param name="options">Journal, dry run, heal deadline, output; default <see cref="FaultSetOptions"/>'s defaults.</param>
    public FaultSet(RunContext run, LabInventory inventory, FaultSetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(inventory);
        _run = run;
        _inventory = inventory;
        _o = options ?? new FaultSetOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_o.HealTimeout, TimeSpan.Zero);
        IsDryRun = DryRun.Resolve(_o.DryRun);
    }

    /// <summary>True when nothing is done, only printed and recorded (<see cref="FaultSetOptions.DryRun"/>).</summary>
    public bool IsDryRun { get; }

    /// <summary>The active faults, in injection order.</summary>
    public IReadOnlyList<IFault> Active
    {
        get
        {
            lock (_gate) return _active.Where(a => a.Injected).Select(a => a.Fault).ToArray();
        }
    }

    /// <summary>True when a fault with <paramref name="fault"/>'s descriptor is active in this set.</summary>
    public bool IsActive(IFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate) return Find(fault) is { Injected: true };
    }

    /// <summary>
    /// Injects <paramref name="fault"/>: checks the interlocks, refuses it when the same fault (equal descriptor) is
    /// active here or listed in the journal by another run, journals it, records <c>fault.injecting</c> (with its
    /// targets), injects it and records <c>fault.injected</c> (with what it learnt). When the injection throws or is
    /// cancelled, it records <c>fault.inject-failed</c>, heals the fault at once (a half-injected fault must not stay)
    /// and rethrows the original error; if that heal fails too, <see cref="FaultInjectionException"/> carries both.
    /// </summary>
    /// <param name="fault">The fault.</param>
    /// <param name="ct">Cancels the injection (the heal that follows a cancelled injection still runs).</param>
    /// <exception cref="FaultRefusedException">An interlock refused it, or it is already active.</exception>
    /// <exception cref="FaultInjectionException">Injecting failed and so did the heal after it.</exception>
    public async Task InjectAsync(IFault fault, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ct.ThrowIfCancellationRequested();
        var key = fault.Descriptor;
        var data = new Dictionary<string, string>
        {
            ["descriptor"] = key.ToString(),
            ["targets"] = DryRun.Targets(fault),
            ["run"] = _run.RunId,
        };
        if (IsDryRun) data["dry_run"] = "true";

        try
        {
            FaultGuard.CheckInjectable(_inventory, fault);
        }
        catch (FaultRefusedException e)
        {
            Record(FaultEventKinds.Refused, fault, $"{fault.Name}: refused", With(data, "error", e.Problem));
            throw;
        }

        var active = Reserve(fault, key, data);
        if (IsDryRun)
        {
            Record(EventKinds.FaultInjecting, fault, $"{fault.Name}: injecting (dry run)", data);
            DryRun.Report(fault, FaultPhase.Inject, _o.Output, _run.History, data);
            Record(EventKinds.FaultInjected, fault, $"{fault.Name}: injected (dry run)", data);
            lock (_gate) active.Injected = true;
            return;
        }

        if (_o.Journal is { } journal)
        {
            try
            {
                active.JournalId = journal.Add(_run.RunId, fault.Name, key, _run.Time.GetUtcNow()).Id;
                data["journal"] = journal.Path;
            }
            catch
            {
                lock (_gate) _active.Remove(active);
                throw;
            }
        }

        Record(EventKinds.FaultInjecting, fault, $"{fault.Name}: injecting", data);
        try
        {
            await fault.InjectAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var cancelled = e is OperationCanceledException && ct.IsCancellationRequested;
            Record(FaultEventKinds.InjectFailed, fault, $"{fault.Name}: injection {(cancelled ? "cancelled" : "failed")}; healing it at once",
                With(data, "error", Describe(e)));
            lock (_gate) active.Injected = true; // half injected: from here on it is healed like any active fault
            var healError = await HealOneAsync(active, runCancelled: cancelled).ConfigureAwait(false);
            if (healError is not null) throw new FaultInjectionException(fault.Name, e, healError, _o.Journal?.Path);
            ExceptionDispatchInfo.Throw(e);
        }

        var now = fault.Descriptor;
        if (!now.Equals(key))
        {
            data["descriptor"] = now.ToString();
            if (active.JournalId is { } id) TryJournal(j => j.Update(id, now), fault);
        }

        lock (_gate) active.Injected = true;
        Record(EventKinds.FaultInjected, fault, $"{fault.Name}: injected{FactSummary(fault)}", Healing.WithFacts(data, fault));
    }

    /// <summary>
    /// Heals <paramref name="fault"/> (matched by descriptor) under its own deadline and removes it from the journal.
    /// No-op when it is not active. Records <c>fault.healing</c>, then <c>fault.healed</c> or <c>fault.heal-failed</c>.
    /// </summary>
    /// <param name="fault">The fault.</param>
    /// <param name="ct">Not passed to the heal (it runs under its own token with <see cref="FaultSetOptions.HealTimeout"/>); when
    /// already cancelled, the events note that the heal runs after cancellation.</param>
    /// <exception cref="FaultHealException">The heal failed; the fault stays active and journaled.</exception>
    public async Task HealAsync(IFault fault, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Entry? active;
        lock (_gate) active = Find(fault) is { Injected: true } a ? a : null;
        if (active is null) return;
        var error = await HealOneAsync(active, ct.IsCancellationRequested).ConfigureAwait(false);
        if (error is not null) throw new FaultHealException([new FaultHealFailure(active.Fault.Name, active.Fault.Descriptor, error)], _o.Journal?.Path);
    }

    /// <summary>
    /// Heals every active fault, each under its own deadline, in the order of <see cref="HealOrder"/>: settings on nodes
    /// with power first; then, for settings on nodes that are off, the service that reads them at boot is held on the nodes
    /// that stayed up (<see cref="ISettingHold.HoldAsync"/>, recorded as <c>fault.held</c>); then every other fault in
    /// reverse injection order (power among them); then the settings of the nodes that were off, once they answer; last,
    /// each held service of a healed setting is settled (<see cref="ISettingHold.SettleAsync"/>, <c>fault.settled</c>).
    /// Every step is attempted even when one fails; the failures are thrown together, each naming its heal, and those
    /// faults stay active and journaled.
    /// </summary>
    /// <param name="ct">Not passed to the heals (a cancelled drill must still heal); when already cancelled, the events
    /// note that the heals run after cancellation.</param>
    /// <exception cref="FaultHealException">At least one heal, hold or settle failed.</exception>
    public async Task HealAllAsync(CancellationToken ct = default)
    {
        Entry[] all;
        lock (_gate) all = _active.Where(a => a.Injected).OrderByDescending(a => a.Sequence).ToArray();
        var plan = HealOrder.Plan(all.Select(a => a.Fault).ToArray());
        var cancelled = ct.IsCancellationRequested;
        var failures = new List<FaultHealFailure>();
        var failed = new HashSet<IFault>(ReferenceEqualityComparer.Instance);

        async Task HealAsync(IEnumerable<IFault> faults)
        {
            foreach (var a in faults.Select(f => all.First(x => ReferenceEquals(x.Fault, f))))
            {
                var error = await HealOneAsync(a, cancelled).ConfigureAwait(false);
                if (error is null) continue;
                failures.Add(new FaultHealFailure(a.Fault.Name, a.Fault.Descriptor, error));
                failed.Add(a.Fault);
            }
        }

        await HealAsync(plan.Early).ConfigureAwait(false);
        foreach (var h in plan.Holds)
            await ServiceStepAsync(h.Hold, h.For, $"hold {h.Hold.Name} while {string.Join(" and ", h.NodesOff)} boot{(h.NodesOff.Count == 1 ? "s" : "")}",
                FaultEventKinds.Held, FaultEventKinds.HoldFailed, h.Hold.DescribeHold(h.NodesOff), t => h.Hold.HoldAsync(h.NodesOff, t), failures,
                new Dictionary<string, string> { ["nodes_off"] = string.Join(", ", h.NodesOff) }).ConfigureAwait(false);
        await HealAsync(plan.Middle).ConfigureAwait(false);
        await HealAsync(plan.Late).ConfigureAwait(false);
        foreach (var s in plan.Settles)
            await ServiceStepAsync(s.Hold, s.For, $"settle {s.Hold.Name} after its settings were restored",
                FaultEventKinds.Settled, FaultEventKinds.SettleFailed, s.Hold.DescribeSettle(), s.Hold.SettleAsync, failures,
                new Dictionary<string, string> { ["settings_not_restored"] = string.Join(", ", s.For.Where(failed.Contains).Select(f => f.Name)) }).ConfigureAwait(false);

        if (failures.Count > 0) throw new FaultHealException(failures, _o.Journal?.Path);
    }

    /// <summary>
    /// One hold or settle of a service (<see cref="ISettingHold"/>) for the settings <paramref name="settings"/>: recorded
    /// as <paramref name="doneKind"/> or <paramref name="failedKind"/> (source: the service), a failure added to
    /// <paramref name="failures"/> under <paramref name="what"/>; a dry run only says what it would do.
    /// </summary>
    private async Task ServiceStepAsync(ISettingHold hold, IReadOnlyList<IFault> settings, string what, string doneKind, string failedKind,
        IReadOnlyList<string> actions, Func<CancellationToken, Task<string>> step, List<FaultHealFailure> failures, Dictionary<string, string> extra)
    {
        var data = new Dictionary<string, string>(extra.Where(kv => kv.Value.Length > 0))
        {
            ["settings"] = string.Join(", ", settings.Select(f => f.Name)),
            ["run"] = _run.RunId,
        };
        if (IsDryRun)
        {
            data["dry_run"] = "true";
            foreach (var action in actions)
            {
                var line = $"DRY RUN: would {action}";
                (_o.Output ?? Console.Out.WriteLine)(line);
                _run.History.Append(FaultEventKinds.DryRun, hold.Name, line, new Dictionary<string, string>(data) { ["action"] = action, ["phase"] = "heal" });
            }

            return;
        }

        string? did = null;
        var error = await Healing.RunWithDeadlineAsync(what, string.Join("; ", actions), async t => did = await step(t).ConfigureAwait(false),
            _o.HealTimeout, _run.Time).ConfigureAwait(false);
        if (error is null)
        {
            _run.History.Append(doneKind, hold.Name, $"{what}: {did}", With(data, "did", did ?? ""));
            return;
        }

        _run.History.Append(failedKind, hold.Name, $"{what}: failed", With(data, "error", Describe(error)));
        failures.Add(new FaultHealFailure(what, settings[0].Descriptor, error));
    }

    /// <summary>Heals everything still active (<see cref="HealAllAsync"/>); afterwards no fault can be injected. Idempotent.</summary>
    /// <exception cref="FaultHealException">At least one heal failed.</exception>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await HealAllAsync().ConfigureAwait(false);
    }

    private Entry Reserve(IFault fault, FaultDescriptor key, Dictionary<string, string> data)
    {
        FaultJournalEntry? leftover = null;
        if (!IsDryRun && _o.Journal is { } journal)
            leftover = journal.Read().FirstOrDefault(e => e.Descriptor.Kind == key.Kind && Contains(e.Descriptor, key));

        lock (_gate)
        {
            if (Find(fault) is { } existing)
            {
                var state = existing.Injected ? "active" : "being injected";
                var e = new FaultRefusedException(fault.Name,
                    $"'{fault.Name}' ({key}) is already {state} in this drill (run {_run.RunId}); injecting it twice would make one heal undo both.",
                    $"Heal it first: `await faults.HealAsync(fault)` (or the step that heals '{existing.Fault.Name}'), then inject it again.");
                Record(FaultEventKinds.Refused, fault, $"{fault.Name}: refused (already {state})", With(data, "error", e.Problem));
                throw e;
            }

            if (leftover is not null)
            {
                var e = new FaultRefusedException(fault.Name,
                    $"'{fault.Name}' ({key}) is still listed as active in the fault journal {_o.Journal!.Path}: run {leftover.RunId} (process {leftover.ProcessId}) injected it at {leftover.Since:u} and has not healed it (a killed run leaves such leftovers).",
                    "Heal the leftovers first: `sanchaos lab down`, or `journal.HealLeftoversAsync(catalog.Rebuild)` at the start of the run.");
                Record(FaultEventKinds.Refused, fault, $"{fault.Name}: refused (leftover of run {leftover.RunId})", With(data, "error", e.Problem));
                throw e;
            }

            var a = new Entry(fault, key, ++_sequence);
            _active.Add(a);
            return a;
        }
    }

    /// <summary>True when every parameter of <paramref name="key"/> is in <paramref name="journaled"/> with the same value (kill-primary journaled with its node).</summary>
    private static bool Contains(FaultDescriptor journaled, FaultDescriptor key) =>
        key.Parameters.All(p => journaled.Get(p.Key) == p.Value);

    private Entry? Find(IFault fault)
    {
        var key = fault.Descriptor;
        return _active.FirstOrDefault(a => ReferenceEquals(a.Fault, fault) || a.Key.Equals(key));
    }

    /// <summary>Heals one active fault; returns null on success, else the error (the fault then stays active).</summary>
    private async Task<Exception?> HealOneAsync(Entry a, bool runCancelled)
    {
        var fault = a.Fault;
        var data = new Dictionary<string, string>
        {
            ["descriptor"] = fault.Descriptor.ToString(),
            ["targets"] = DryRun.Targets(fault),
            ["run"] = _run.RunId,
        };
        if (runCancelled) data["after_cancellation"] = "true";
        if (IsDryRun)
        {
            data["dry_run"] = "true";
            Record(FaultEventKinds.Healing, fault, $"{fault.Name}: healing (dry run)", data);
            DryRun.Report(fault, FaultPhase.Heal, _o.Output, _run.History, data);
            lock (_gate) _active.Remove(a);
            Record(EventKinds.FaultHealed, fault, $"{fault.Name}: healed (dry run)", data);
            return null;
        }

        Record(FaultEventKinds.Healing, fault, $"{fault.Name}: healing", data);
        var error = await Healing.HealWithDeadlineAsync(fault, _o.HealTimeout, _run.Time).ConfigureAwait(false);
        if (error is not null)
        {
            Record(EventKinds.FaultHealFailed, fault, $"{fault.Name}: heal failed", With(data, "error", Describe(error)));
            return error;
        }

        lock (_gate) _active.Remove(a);
        if (a.JournalId is { } id) TryJournal(j => j.Remove(id), fault);
        Record(EventKinds.FaultHealed, fault, $"{fault.Name}: healed{FactSummary(fault)}", Healing.WithFacts(data, fault));
        return null;
    }

    private void TryJournal(Action<FaultJournal> change, IFault fault)
    {
        try
        {
            change(_o.Journal!);
        }
        catch (SanChaosException e)
        {
            // The lab is in the right state; a stale journal entry only makes the next heal of leftovers redo an idempotent heal.
            var line = $"WARNING: '{fault.Name}': the fault journal could not be updated: {e.Problem} What to do: {e.Remedy}";
            (_o.Output ?? Console.Error.WriteLine)(line);
            Record(FaultEventKinds.JournalError, fault, line, new Dictionary<string, string> { ["journal"] = _o.Journal!.Path });
        }
    }

    private void Record(string kind, IFault fault, string message, IReadOnlyDictionary<string, string> data) =>
        _run.History.Append(kind, fault.Name, message, data);

    private static Dictionary<string, string> With(Dictionary<string, string> data, string key, string value) => new(data) { [key] = value };

    /// <summary>" (node weasel, outlets pdu1/2)": the facts for the message; the physical moment stays in the data only.</summary>
    private static string FactSummary(IFault fault)
    {
        var facts = fault is IFaultFacts f ? f.Facts.Where(p => !p.Key.StartsWith("physical_", StringComparison.Ordinal)).ToArray() : [];
        return facts.Length > 0 ? " (" + string.Join(", ", facts.Select(p => $"{p.Key} {p.Value}")) + ")" : "";
    }

    private static string Describe(Exception e) => e switch
    {
        SanChaosException s => s.Problem,
        OperationCanceledException => "cancelled",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>One fault of the set: reserved, then injected (or half injected) until healed.</summary>
    private sealed class Entry(IFault fault, FaultDescriptor key, long sequence)
    {
        public IFault Fault { get; } = fault;

        public FaultDescriptor Key { get; } = key;

        public long Sequence { get; } = sequence;

        public bool Injected { get; set; }

        public string? JournalId { get; set; }
    }
}
