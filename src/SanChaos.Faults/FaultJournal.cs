using System.Collections.Concurrent;
using System.Text.Json;
using SanChaos.Core.Errors;
using SanChaos.Core.History;

namespace SanChaos.Faults;

/// <summary>
/// A JSON file listing the faults that are injected and not yet healed (STYLE.md habit 6: label what you create, reap
/// what you labelled). <see cref="FaultSet"/> adds an entry before it injects a fault and removes it after the heal, so
/// when a run is killed the file still names what it left behind; <c>lab down</c> and the next run call
/// <see cref="HealLeftoversAsync"/> to heal those faults. The file is removed when it lists nothing. Keep it in the
/// lab's run or state directory, one per lab. Writes are atomic (temporary file, then rename); one run per lab at a
/// time is assumed.
/// </summary>
public sealed class FaultJournal
{
    private static readonly ConcurrentDictionary<string, object> Gates = new(StringComparer.Ordinal);
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    private readonly object _gate;

    /// <summary>The machine's journal: the drills', <c>sanchaos fault</c>'s and the lab keeper's (<c>/var/lib/sanchaos/faults.json</c>).</summary>
    public const string MachinePath = "/var/lib/sanchaos/faults.json";

    /// <summary>A journal kept in <paramref name="path"/> (created on first write, directories included).</summary>
    /// <param name="path">The file, e.g. <c>&lt;lab state dir&gt;/faults.json</c>.</param>
    public FaultJournal(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _gate = Gates.GetOrAdd(Path, _ => new object());
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The faults listed, oldest first; empty when the file does not exist.</summary>
    /// <exception cref="SanChaosException">The file cannot be read or is not a fault journal.</exception>
    public IReadOnlyList<FaultJournalEntry> Read()
    {
        lock (_gate) return Load();
    }

    /// <summary>Adds an entry for a fault about to be injected and returns it.</summary>
    /// <param name="runId">The injecting run.</param>
    /// <param name="name">The fault's name.</param>
    /// <param name="descriptor">Its descriptor.</param>
    /// <param name="since">Now, on the run's clock.</param>
    public FaultJournalEntry Add(string runId, string name, FaultDescriptor descriptor, DateTimeOffset since)
    {
        var entry = new FaultJournalEntry(Guid.NewGuid().ToString("N")[..12], runId, name, descriptor, since, Environment.ProcessId);
        lock (_gate)
        {
            var list = Load().ToList();
            list.Add(entry);
            Save(list);
        }

        return entry;
    }

    /// <summary>Replaces the descriptor of entry <paramref name="id"/> (a fault learnt a parameter while injecting). No-op when absent.</summary>
    public void Update(string id, FaultDescriptor descriptor)
    {
        lock (_gate)
        {
            var list = Load().ToList();
            var i = list.FindIndex(e => e.Id == id);
            if (i < 0) return;
            list[i] = list[i] with { Descriptor = descriptor };
            Save(list);
        }
    }

    /// <summary>Removes entry <paramref name="id"/> (the fault is healed); deletes the file when nothing is left. No-op when absent.</summary>
    public void Remove(string id)
    {
        lock (_gate)
        {
            var list = Load().ToList();
            if (list.RemoveAll(e => e.Id == id) == 0) return;
            Save(list);
        }
    }

    /// <summary>
    /// Heals every fault the journal lists (left behind by a killed run, or by this one), newest first, each under its
    /// own deadline: rebuilds it with <paramref name="factory"/> (usually <see cref="Catalog.FaultCatalog.Rebuild"/>),
    /// heals it and removes its entry. Every entry is attempted; failures stay listed and are thrown together. Events
    /// go to <paramref name="history"/> when given. In a dry run nothing is healed and the journal is kept.
    /// </summary>
    /// <param name="factory">Rebuilds a fault from its descriptor.</param>
    /// <param name="history">Where to record the heals; null = nowhere.</param>
    /// <param name="options">Dry run, heal deadline and output (its <see cref="FaultSetOptions.Journal"/> is ignored); default <see cref="FaultSetOptions"/>'s defaults.</param>
    /// <returns>The entries healed.</returns>
    /// <exception cref="FaultHealException">Some faults could not be rebuilt or healed; they stay in the journal.</exception>
    public async Task<IReadOnlyList<FaultJournalEntry>> HealLeftoversAsync(
        Func<FaultDescriptor, IFault> factory, RunHistory? history = null, FaultSetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        options ??= new FaultSetOptions();
        var dryRun = DryRun.Resolve(options.DryRun);
        var time = history?.Time ?? TimeProvider.System;
        var healed = new List<FaultJournalEntry>();
        var failures = new List<FaultHealFailure>();
        foreach (var entry in Read().Reverse())
        {
            var data = new Dictionary<string, string>
            {
                ["descriptor"] = entry.Descriptor.ToString(),
                ["leftover_of_run"] = entry.RunId,
                ["since"] = entry.Since.ToString("O"),
                ["journal"] = Path,
            };
            IFault fault;
            try
            {
                fault = factory(entry.Descriptor);
            }
            catch (Exception e)
            {
                var error = new SanChaosException(
                    $"The journal {Path} lists '{entry.Name}' ({entry.Descriptor}) from run {entry.RunId}, but it cannot be rebuilt: {Describe(e)}",
                    "Heal it by hand (power the outlet on, plug the cable, start the daemon), then remove its entry from the journal.", e);
                history?.Append(EventKinds.FaultHealFailed, entry.Name, $"{entry.Name}: leftover could not be rebuilt", With(data, "error", error.Problem));
                failures.Add(new FaultHealFailure(entry.Name, entry.Descriptor, error));
                continue;
            }

            if (dryRun)
            {
                DryRun.Report(fault, FaultPhase.Heal, options.Output, history, data, $" (leftover of run {entry.RunId})");
                continue;
            }

            history?.Append(FaultEventKinds.Healing, fault.Name, $"{fault.Name}: healing leftover of run {entry.RunId}", data);
            var failure = await Healing.HealWithDeadlineAsync(fault, options.HealTimeout, time).ConfigureAwait(false);
            if (failure is null)
            {
                Remove(entry.Id);
                healed.Add(entry);
                history?.Append(EventKinds.FaultHealed, fault.Name, $"{fault.Name}: leftover of run {entry.RunId} healed", Healing.WithFacts(data, fault));
            }
            else
            {
                history?.Append(EventKinds.FaultHealFailed, fault.Name, $"{fault.Name}: healing leftover of run {entry.RunId} failed", With(data, "error", failure.Message));
                failures.Add(new FaultHealFailure(fault.Name, entry.Descriptor, failure));
            }
        }

        if (failures.Count > 0) throw new FaultHealException(failures, Path);
        return healed;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> data, string key, string value) =>
        new(data) { [key] = value };

    private static string Describe(Exception e) => e is SanChaosException s ? s.Problem : $"{e.GetType().Name}: {e.Message}";

    private List<FaultJournalEntry> Load()
    {
        string text;
        try
        {
            if (!File.Exists(Path)) return [];
            text = File.ReadAllText(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SanChaosException($"The fault journal {Path} cannot be read: {e.Message}",
                "Check the file's permissions (run as the user that runs the lab).", e);
        }

        try
        {
            var file = JsonSerializer.Deserialize<JournalFile>(text, Json);
            return file?.Faults?.Where(f => f is not null).ToList() ?? [];
        }
        catch (JsonException e)
        {
            throw new SanChaosException(
                $"The fault journal {Path} is not valid (line {e.LineNumber + 1}): {e.Message}",
                "Check by hand that the faults it lists are healed (outlets on, cables plugged, daemons running), then delete the file.", e);
        }
    }

    private void Save(List<FaultJournalEntry> entries)
    {
        try
        {
            if (entries.Count == 0)
            {
                File.Delete(Path);
                return;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var tmp = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            var file = new JournalFile { Faults = entries };
            File.WriteAllText(tmp, JsonSerializer.Serialize(file, Json));
            File.Move(tmp, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SanChaosException($"The fault journal {Path} cannot be written: {e.Message}",
                $"Make {System.IO.Path.GetDirectoryName(Path)} writable for the user running SanChaos, or give the FaultSet another journal path.", e);
        }
    }

    /// <summary>The file's JSON shape.</summary>
    private sealed class JournalFile
    {
        public string About { get; init; } =
            "Faults SanChaos injected and has not healed yet. `sanchaos lab down` (or the next run) heals them; do not edit while a run is active.";

        public int Version { get; init; } = 1;

        public List<FaultJournalEntry>? Faults { get; init; }
    }
}
