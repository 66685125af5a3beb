using System.Globalization;
using SanChaos.Checkers.Reading;
using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Writes;

/// <summary>
/// Did every write the device acknowledged survive? From the I/O probe's read-back (<c>io.readback</c>, see the probe's
/// README): a slot whose last acknowledged write is <b>lost</b> (zeros or foreign data), <b>stale</b> (an older write),
/// <b>torn</b> (sectors of different writes, or a bad checksum) or <b>unexpected</b> (a write never sent there) makes
/// it Invalid, each finding with its slot, the acknowledged write's sequence number and times. Blocks that could not be
/// read back (<b>unreadable</b>) and nothing else make it Unknown, as do a read-back that failed or is missing.
/// </summary>
/// <remarks>
/// When the scenario folder (<see cref="CheckInput.ArtifactDirectory"/>) has the probe's raw logs (<c>io-probe.log</c>,
/// <c>io-verify.log</c>), every finding is re-derived from them with its times (the event holds the first 100, as text);
/// otherwise the event's findings are the evidence.
/// </remarks>
public sealed class AcknowledgedWritesChecker : IChecker
{
    private static readonly IoReadbackKind[] Losses = [IoReadbackKind.Lost, IoReadbackKind.Stale, IoReadbackKind.Torn, IoReadbackKind.Unexpected];

    /// <inheritdoc />
    public string Name => "acknowledged-writes";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = HistoryFile.InTimeOrder(input.Events);
        var probe = events.Where(e => e.Source == NodeEventKinds.IoProbeSource || e.Kind.StartsWith("io.", StringComparison.Ordinal)).ToArray();
        var readback = probe.LastOrDefault(e => e.Kind == IoEventKinds.Readback);
        var failed = probe.FirstOrDefault(e => e.Kind == ObserverEventKinds.Failed);
        if (readback is null)
        {
            var why = failed is not null ? $"the I/O probe failed: {failed.Message}"
                : probe.Any(e => e.Kind == IoEventKinds.Started) ? "the I/O probe recorded no read-back (it was not stopped, or stopped without reading back)"
                : "no I/O probe ran in this scenario";
            return Verdict.Unknown(Name, "no read-back: " + why, [.. probe.Where(e => e.Kind is ObserverEventKinds.Failed or IoEventKinds.Started).Select(e => e.Cite())]);
        }

        if (readback.Text("status") is not ("clean" or "findings"))
            return Verdict.Unknown(Name, $"the read-back did not complete: {readback.Text("reason") ?? readback.Message}", readback.Cite());

        var node = probe.Select(e => e.Node()).FirstOrDefault(n => n is not null);
        var counts = Enum.GetValues<IoReadbackKind>().ToDictionary(k => k, k => readback.Long(Key(k)) ?? 0);
        var checkedSlots = readback.Long("checked") ?? 0;
        var figures = counts.ToDictionary(c => Key(c.Key), c => (double)c.Value);
        figures["checked"] = checkedSlots;
        var countsText = string.Join(", ", counts.Select(c => $"{c.Value} {Key(c.Key)}"));
        if (counts.Values.All(c => c == 0))
            return Verdict.Valid(Name, $"every acknowledged write read back intact ({checkedSlots} slots checked)", readback.Cite()) with { Figures = figures };

        var evidence = Findings(input.ArtifactDirectory, probe, node) ?? EventFindings(readback, node);
        var lost = Losses.Sum(k => counts[k]);
        var verdict = lost > 0
            ? Verdict.Invalid(Name, $"{lost} acknowledged write(s) did not read back ({countsText} of {checkedSlots} slots)", [.. evidence])
            : Verdict.Unknown(Name, $"{counts[IoReadbackKind.Unreadable]} block(s) could not be read back ({checkedSlots} slots checked): " +
                                    "whether their acknowledged writes survived is unknown", [.. evidence]);
        return verdict with { Figures = figures };
    }

    private static string Key(IoReadbackKind k) => k.ToString().ToLowerInvariant();

    /// <summary>Every finding with its times, re-derived from the probe's raw logs; null when they are not there.</summary>
    private static IReadOnlyList<Evidence>? Findings(string? folder, IReadOnlyList<HistoryEvent> probe, string? node)
    {
        if (folder is null) return null;
        var log = Path.Combine(folder, IoProbeObserver.LogFile);
        var verify = Path.Combine(folder, IoProbeObserver.VerifyFile);
        if (!File.Exists(log) || !File.Exists(verify)) return null;
        var offset = probe.LastOrDefault(e => e.Kind == IoEventKinds.Summary)?.Millis("clock_offset_ms") ?? TimeSpan.Zero;
        var readback = IoReadback.Classify(IoProbeLog.Parse(File.ReadLines(log)).Writes, IoProbeLog.Parse(File.ReadLines(verify)).Slots, offset);
        return readback.Findings.Select(f => new Evidence($"{Key(f.Kind)}: {f.Detail} (acknowledged at {EventData.Clock(f.Acknowledged)})",
            f.Acknowledged, node, $"{IoProbeObserver.VerifyFile} slot {f.Slot.ToString(CultureInfo.InvariantCulture)}, seq {f.AcknowledgedSeq.ToString(CultureInfo.InvariantCulture)}")).ToArray();
    }

    /// <summary>The findings the <c>io.readback</c> event holds (each names the slot, the write's seq and its submit time).</summary>
    private static IReadOnlyList<Evidence> EventFindings(HistoryEvent readback, string? node)
    {
        var list = readback.Data.Where(kv => kv.Key.StartsWith("finding.", StringComparison.Ordinal))
            .OrderBy(kv => int.TryParse(kv.Key["finding.".Length..], CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .Select(kv => new Evidence(kv.Value, null, node, $"{readback.Where()} {kv.Key}")).ToList();
        if (readback.Long("findings_omitted") is { } more) list.Add(new Evidence($"... and {more} more findings (see {IoProbeObserver.ReportFile})", null, node, readback.Where()));
        return list;
    }
}
