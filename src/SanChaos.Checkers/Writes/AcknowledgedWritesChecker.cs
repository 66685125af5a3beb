using System.Globalization;
using SanChaos.Checkers.Reading;
using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Writes;

/// <summary>
/// Did every write the device acknowledged survive? From the I/O probe's <c>io.readback</c> (see the probe's README):
/// every acknowledged write is held against the reads of its slot, the samples during the run, the read before the slot
/// was written again and the read-back after the stop. An acknowledged write read back <b>lost</b> (zeros or foreign
/// data), <b>stale</b> (an older write: the SAN went back in time), <b>torn</b> (sectors of different writes, or a bad
/// checksum) or <b>unexpected</b> (a write never sent there) makes it Invalid, with the writes' sequence numbers (as
/// ranges), their slots and times, and the time of the read that found each. Unknown: blocks that could not be read
/// back (<b>unreadable</b>), acknowledged writes replaced by a later write before any read of their slot succeeded
/// (<b>unverified</b>: a failed read before reuse; every overwritten write of a version 1 probe, whose read-back saw
/// only the last write of each slot), a read-back that failed or is missing.
/// </summary>
/// <remarks>
/// When the scenario folder (<see cref="CheckInput.ArtifactDirectory"/>) has the probe's raw logs (<c>io-probe.log</c>,
/// <c>io-verify.log</c>), the findings are re-derived from them with their times (the event holds the first 100, as
/// text); otherwise the event's findings are the evidence. At most <see cref="EvidenceLimit"/> findings are listed, then
/// how many more there are. A read-back event without <c>acknowledged</c> (recorded before version 2) counts the
/// summary's acknowledged writes beyond its checked slots as unverified.
/// </remarks>
public sealed class AcknowledgedWritesChecker : IChecker
{
    /// <summary>At most this many findings are listed as evidence; the rest are counted.</summary>
    public const int EvidenceLimit = 100;

    private static readonly IoReadbackKind[] Losses = [IoReadbackKind.Lost, IoReadbackKind.Stale, IoReadbackKind.Torn, IoReadbackKind.Unexpected];

    /// <inheritdoc />
    public string Name => "acknowledged-writes";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        var probe = events.Where(e => e.Source == NodeEventKinds.IoProbeSource || e.Kind.StartsWith(IoEventKinds.Prefix, StringComparison.Ordinal)).ToArray();
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
        var slotsChecked = readback.Long("checked") ?? 0;
        var version1 = readback.Long("acknowledged") is null;
        var acknowledged = readback.Long("acknowledged") ?? probe.LastOrDefault(e => e.Kind == IoEventKinds.Summary)?.Long("ok") ?? slotsChecked;
        var unverified = readback.Long("unverified") ?? Math.Max(0, acknowledged - slotsChecked);
        var reads = readback.Long("reads") ?? 0;
        var figures = counts.ToDictionary(c => Key(c.Key), c => (double)c.Value);
        figures["checked"] = slotsChecked; // the sizes of the evidence (acknowledged writes, reads) are in the summary, not figures
        figures["unverified"] = unverified;
        var countsText = string.Join(", ", counts.Select(c => $"{c.Value} {Key(c.Key)}"));
        if (counts.Values.All(c => c == 0) && unverified == 0)
            return Verdict.Valid(Name, $"every acknowledged write read back intact ({acknowledged} acknowledged writes: {slotsChecked} slots read " +
                                       $"back at the end, {reads} reads during the run)", readback.Cite()) with { Figures = figures };

        var evidence = (Findings(input.ArtifactDirectory, probe, node) ?? EventFindings(readback, node)).ToList();
        if (unverified > 0) evidence.Add(new Evidence(UnverifiedText(readback, unverified, acknowledged, slotsChecked, version1), readback.Wall, node, readback.Where()));
        var lost = Losses.Sum(k => counts[k]);
        var verdict = lost > 0
            ? Verdict.Invalid(Name, $"{lost} acknowledged write(s) did not read back ({countsText} of {acknowledged} acknowledged writes)" +
                                    (readback.Text("finding_seqs") is { } seqs
                                        ? $": seq {seqs}, acknowledged {readback.Text("first_finding_acknowledged")} to {readback.Text("last_finding_acknowledged")}"
                                        : ""), [.. evidence])
            : Verdict.Unknown(Name, string.Join("; ", new[]
            {
                counts[IoReadbackKind.Unreadable] > 0
                    ? $"{counts[IoReadbackKind.Unreadable]} block(s) could not be read back ({slotsChecked} slots checked): whether their acknowledged writes survived is unknown"
                    : null,
                unverified > 0 ? UnverifiedText(readback, unverified, acknowledged, slotsChecked, version1) : null,
            }.OfType<string>()), [.. evidence]);
        return verdict with { Figures = figures };
    }

    private static string Key(IoReadbackKind k) => k.ToString().ToLowerInvariant();

    private static string UnverifiedText(HistoryEvent readback, long unverified, long acknowledged, long slotsChecked, bool version1) =>
        version1
            ? $"{unverified} of {acknowledged} acknowledged writes were overwritten before any read of their slot: the read-back (an I/O probe " +
              $"before version 2) checked only the last write of each of {slotsChecked} slots, so whether they survived is unknown"
            : $"{unverified} of {acknowledged} acknowledged writes were replaced by a later write before any read of their slot succeeded " +
              $"(seq {readback.Text("unverified_seqs") ?? "?"}): whether they survived is unknown";

    /// <summary>The findings with their times, re-derived from the probe's raw logs; null when they are not there.</summary>
    private static IReadOnlyList<Evidence>? Findings(string? folder, IReadOnlyList<HistoryEvent> probe, string? node)
    {
        if (folder is null) return null;
        var log = Path.Combine(folder, IoProbeObserver.LogFile);
        var verify = Path.Combine(folder, IoProbeObserver.VerifyFile);
        if (!File.Exists(log) || !File.Exists(verify)) return null;
        var offset = probe.LastOrDefault(e => e.Kind == IoEventKinds.Summary)?.Millis("clock_offset_ms") ?? TimeSpan.Zero;
        var writer = IoProbeLog.Parse(File.ReadLines(log));
        var readback = IoReadback.Classify(writer.Writes, writer.Reads, IoProbeLog.Parse(File.ReadLines(verify)).Slots, offset);
        var list = readback.Findings.Take(EvidenceLimit).Select(f => new Evidence($"{Key(f.Kind)}: {f.Detail} (acknowledged at {EventData.Clock(f.Acknowledged)})",
            f.Acknowledged, node, Where(f))).ToList();
        if (readback.Findings.Count > EvidenceLimit)
            list.Add(new Evidence($"... and {readback.Findings.Count - EvidenceLimit} more findings (see {IoProbeObserver.ReportFile})", null, node, IoProbeObserver.ReportFile));
        return list;
    }

    private static string Where(IoReadbackFinding f)
    {
        var at = $"slot {f.Slot.ToString(CultureInfo.InvariantCulture)}, seq {f.AcknowledgedSeq.ToString(CultureInfo.InvariantCulture)}";
        return f.Purpose == IoReadPurpose.Final ? $"{IoProbeObserver.VerifyFile} {at}" : $"{IoProbeObserver.LogFile} R {f.Purpose.ToString().ToLowerInvariant()} {at}";
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
