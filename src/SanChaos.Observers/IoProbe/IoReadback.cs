using System.Globalization;

namespace SanChaos.Observers.IoProbe;

/// <summary>
/// Did every acknowledged write survive? The probe's write log against what <c>verify</c> read back: each slot that
/// holds an acknowledged write must carry its last acknowledged write, or a later write to it that was attempted but
/// not acknowledged (a failed write may still have reached the disk). Anything else is a finding: lost (no write of
/// this run), stale (an older write), torn (sectors of different writes, or a bad checksum), unexpected, unreadable.
/// </summary>
public sealed class IoReadback
{
    private IoReadback(int checkedSlots, IReadOnlyList<IoReadbackFinding> findings)
    {
        SlotsChecked = checkedSlots;
        Findings = findings;
    }

    /// <summary>Slots that held an acknowledged write (only those are checked).</summary>
    public int SlotsChecked { get; }

    /// <summary>Checked slots that read back as expected.</summary>
    public int Ok => SlotsChecked - Findings.Count;

    /// <summary>The slots that did not, in the order of their acknowledged write.</summary>
    public IReadOnlyList<IoReadbackFinding> Findings { get; }

    /// <summary>True when every acknowledged write read back.</summary>
    public bool Clean => Findings.Count == 0;

    /// <summary>How many findings are of <paramref name="kind"/>.</summary>
    public int Count(IoReadbackKind kind) => Findings.Count(f => f.Kind == kind);

    /// <summary>The counts as one line: <c>8192 slots checked: 8190 ok, 1 lost, 1 stale, 0 torn, 0 unexpected, 0 unreadable</c>.</summary>
    public string CountsText =>
        $"{SlotsChecked} slots checked: {Ok} ok, " +
        string.Join(", ", Enum.GetValues<IoReadbackKind>().Select(k => $"{Count(k)} {k.ToString().ToLowerInvariant()}"));

    /// <summary>Classifies every slot that holds an acknowledged write.</summary>
    /// <param name="writes">The probe's write log.</param>
    /// <param name="slots">The <c>verify</c> output for the same region and run.</param>
    /// <param name="nodeClockOffset">How far the node's clock is ahead of the harness's, for the findings' times.</param>
    public static IoReadback Classify(IEnumerable<IoWrite> writes, IEnumerable<IoVerifySlot> slots, TimeSpan nodeClockOffset)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(slots);
        var bySeq = new Dictionary<long, IoWrite>();
        var lastAcked = new Dictionary<long, IoWrite>();
        foreach (var w in writes)
        {
            bySeq[w.Seq] = w;
            if (w.Acknowledged && (!lastAcked.TryGetValue(w.Slot, out var prev) || w.Seq > prev.Seq)) lastAcked[w.Slot] = w;
        }

        var maxSeq = bySeq.Count == 0 ? 0 : bySeq.Keys.Max();
        var read = new Dictionary<long, IoVerifySlot>();
        foreach (var s in slots) read[s.Slot] = s;

        var findings = new List<IoReadbackFinding>();
        foreach (var acked in lastAcked.Values.OrderBy(w => w.Seq))
        {
            var f = Check(acked, read.GetValueOrDefault(acked.Slot));
            if (f is not null) findings.Add(f);
        }

        return new IoReadback(lastAcked.Count, findings);

        // A write to this slot after its last acknowledged one: logged with this slot, or the one in flight when the log ended.
        bool AttemptedLater(IoWrite acked, long seq) =>
            seq > acked.Seq && (bySeq.TryGetValue(seq, out var w) ? w.Slot == acked.Slot : seq == maxSeq + 1);

        string Describe(long seq) =>
            bySeq.TryGetValue(seq, out var w)
                ? $"seq {seq} ({w.Outcome}, submitted {Time(w.Submitted(nodeClockOffset))})"
                : $"seq {seq} (not in the write log)";

        IoReadbackFinding? Check(IoWrite acked, IoVerifySlot? v)
        {
            var expected = $"last acknowledged write {Describe(acked.Seq)}";
            IoReadbackFinding Finding(IoReadbackKind kind, long? found, IReadOnlyList<long?> sectors, string what) =>
                new(acked.Slot, kind, acked.Seq, acked.Submitted(nodeClockOffset), acked.Completed(nodeClockOffset), found,
                    found is { } fs && bySeq.TryGetValue(fs, out var fw) ? fw.Submitted(nodeClockOffset) : null, sectors,
                    $"slot {acked.Slot}: {expected}; {what}");

            if (v is null) return Finding(IoReadbackKind.Unreadable, null, [], "verify printed nothing for this slot");
            switch (v.Status)
            {
                case IoVerifyStatus.Unreadable:
                    return Finding(IoReadbackKind.Unreadable, null, [], $"reading it back failed ({v.ErrnoName ?? "error"})");
                case IoVerifyStatus.Empty:
                    return Finding(IoReadbackKind.Lost, null, [], "found zeros");
                case IoVerifyStatus.Foreign:
                    return Finding(IoReadbackKind.Lost, null, [], "found no write of this run (other data)");
                case IoVerifyStatus.Torn:
                    var distinct = v.SectorSeqs.Distinct().Select(s => s is { } n ? Describe(n) : "no header of this run");
                    return Finding(IoReadbackKind.Torn, null, v.SectorSeqs,
                        $"found a torn block: sectors {string.Join(",", v.SectorSeqs.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "-"))} " +
                        $"from {string.Join("; ", distinct)}");
                case IoVerifyStatus.Bad:
                    return Finding(IoReadbackKind.Torn, v.Seq, [], $"found {Describe(v.Seq!.Value)} in every sector but the block checksum does not hold");
            }

            var seq = v.Seq!.Value;
            if (seq == acked.Seq || AttemptedLater(acked, seq)) return null;
            return seq < acked.Seq
                ? Finding(IoReadbackKind.Stale, seq, [], $"found the older {Describe(seq)}")
                : Finding(IoReadbackKind.Unexpected, seq, [], $"found {Describe(seq)}, which was never sent to this slot after it");
        }
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
