using System.Globalization;

namespace SanChaos.Observers.IoProbe;

/// <summary>
/// Did every acknowledged write survive? Each read of a slot (a sample during the run, the read before the slot was
/// written again, the read-back after the probe stopped) is held against the last write to that slot the device had
/// acknowledged before the read: the slot must carry it, or a later write to it that was attempted but not acknowledged
/// (a failed write may still have reached the disk). Anything else is a finding on that acknowledged write: lost (no
/// write of this run), stale (an older write: the SAN went back in time), torn (sectors of different writes, or a bad
/// checksum), unexpected (a write never sent there), unreadable (at the read-back after the stop). An acknowledged write
/// that a later acknowledged write to its slot replaced before any read of the slot succeeded is <see cref="Unverified"/>:
/// nobody can tell whether it survived (every write of a version 1 probe that went round its region; with version 2,
/// one whose read before reuse failed).
/// </summary>
public sealed class IoReadback
{
    private IoReadback(int acknowledged, int readBack, int slotsChecked, int readsDuringRun, int failedReads,
        IReadOnlyList<IoReadbackFinding> findings, IReadOnlyList<IoWrite> unverified)
    {
        Acknowledged = acknowledged;
        ReadBack = readBack;
        SlotsChecked = slotsChecked;
        ReadsDuringRun = readsDuringRun;
        FailedReads = failedReads;
        Findings = findings;
        Unverified = unverified;
    }

    /// <summary>Writes the device acknowledged.</summary>
    public int Acknowledged { get; }

    /// <summary>Acknowledged writes that at least one read (during the run or after it) checked.</summary>
    public int ReadBack { get; }

    /// <summary>Slots of the read-back after the stop that held an acknowledged write (only those are checked).</summary>
    public int SlotsChecked { get; }

    /// <summary>Reads during the run (samples and reads before reuse) that checked an acknowledged write.</summary>
    public int ReadsDuringRun { get; }

    /// <summary>Reads during the run that failed (an I/O error): they checked nothing.</summary>
    public int FailedReads { get; }

    /// <summary>Acknowledged writes that read back as expected every time they were read.</summary>
    public int Ok => ReadBack - Findings.Count(f => f.Kind != IoReadbackKind.Unreadable);

    /// <summary>The acknowledged writes that did not read back, one per write (its first wrong read), in sequence order.</summary>
    public IReadOnlyList<IoReadbackFinding> Findings { get; }

    /// <summary>Acknowledged writes replaced by a later acknowledged write to their slot before any read of it succeeded, in sequence order.</summary>
    public IReadOnlyList<IoWrite> Unverified { get; }

    /// <summary>True when every acknowledged write was read back as expected.</summary>
    public bool Clean => Findings.Count == 0 && Unverified.Count == 0;

    /// <summary>How many findings are of <paramref name="kind"/>.</summary>
    public int Count(IoReadbackKind kind) => Findings.Count(f => f.Kind == kind);

    /// <summary>
    /// The counts as one line: <c>36179 acknowledged writes: 36179 read back (8192 slots at the end, 9042 reads during
    /// the run), 0 unverified; 0 lost, 0 stale, 0 torn, 0 unexpected, 0 unreadable</c>.
    /// </summary>
    public string CountsText =>
        $"{Acknowledged} acknowledged writes: {ReadBack} read back ({SlotsChecked} slots at the end, {ReadsDuringRun} reads during the run), " +
        $"{Unverified.Count} unverified; " +
        string.Join(", ", Enum.GetValues<IoReadbackKind>().Select(k => $"{Count(k)} {k.ToString().ToLowerInvariant()}"));

    /// <summary>Classifies the read-back of a probe that did not read during its run (version 1).</summary>
    /// <param name="writes">The probe's write log.</param>
    /// <param name="slots">The <c>verify</c> output for the same region and run.</param>
    /// <param name="nodeClockOffset">How far the node's clock is ahead of the harness's, for the findings' times.</param>
    public static IoReadback Classify(IEnumerable<IoWrite> writes, IEnumerable<IoVerifySlot> slots, TimeSpan nodeClockOffset) =>
        Classify(writes, [], slots, nodeClockOffset);

    /// <summary>Holds every read against the acknowledged writes before it.</summary>
    /// <param name="writes">The probe's write log.</param>
    /// <param name="reads">Its reads during the run (<see cref="IoProbeLog.Reads"/>), in the order reported.</param>
    /// <param name="slots">The <c>verify</c> output after the stop, for the same region and run.</param>
    /// <param name="nodeClockOffset">How far the node's clock is ahead of the harness's, for the findings' times.</param>
    public static IoReadback Classify(IEnumerable<IoWrite> writes, IEnumerable<IoRead> reads, IEnumerable<IoVerifySlot> slots, TimeSpan nodeClockOffset)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(slots);
        var bySeq = new Dictionary<long, IoWrite>();
        foreach (var w in writes) bySeq[w.Seq] = w;
        var ackedBySlot = bySeq.Values.Where(w => w.Acknowledged).GroupBy(w => w.Slot)
            .ToDictionary(g => g.Key, g => g.OrderBy(w => w.Seq).ToArray());
        var maxSeq = bySeq.Count == 0 ? 0 : bySeq.Keys.Max();
        var checker = new ReadChecker(bySeq, nodeClockOffset);

        var checkedSeqs = new HashSet<long>();
        var findings = new Dictionary<long, IoReadbackFinding>();
        int duringRun = 0, failed = 0;
        foreach (var r in reads)
        {
            if (LastAcked(r.Result.Slot, r.AfterSeq) is not { } acked) continue;
            if (r.Result.Status == IoVerifyStatus.Unreadable)
            {
                failed++;
                continue;
            }

            duringRun++;
            checkedSeqs.Add(acked.Seq);
            if (checker.Check(acked, r.Result, r.Purpose, r.Completed(nodeClockOffset), r.AfterSeq) is { } f) findings.TryAdd(acked.Seq, f);
        }

        // The read-back after the stop: the write in flight when the log ended may be on disk too.
        var final = new Dictionary<long, IoVerifySlot>();
        foreach (var s in slots) final[s.Slot] = s;
        foreach (var (slot, list) in ackedBySlot)
        {
            var acked = list[^1];
            var v = final.GetValueOrDefault(slot);
            if (v is not null && v.Status != IoVerifyStatus.Unreadable) checkedSeqs.Add(acked.Seq);
            if (checker.Check(acked, v, IoReadPurpose.Final, null, maxSeq + 1) is { } f) findings.TryAdd(acked.Seq, f);
        }

        var unverified = ackedBySlot.Values.SelectMany(list => list[..^1]).Where(w => !checkedSeqs.Contains(w.Seq)).OrderBy(w => w.Seq).ToArray();
        return new IoReadback(ackedBySlot.Values.Sum(l => l.Length), checkedSeqs.Count, ackedBySlot.Count, duringRun, failed,
            findings.Values.OrderBy(f => f.AcknowledgedSeq).ToArray(), unverified);

        // The last write to the slot acknowledged by the time write afterSeq had returned.
        IoWrite? LastAcked(long slot, long afterSeq)
        {
            if (!ackedBySlot.TryGetValue(slot, out var list)) return null;
            int lo = 0, hi = list.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (list[mid].Seq <= afterSeq) lo = mid + 1;
                else hi = mid;
            }

            return lo > 0 ? list[lo - 1] : null;
        }
    }

    /// <summary>Holds one read of a slot against the last acknowledged write before it.</summary>
    private sealed class ReadChecker(Dictionary<long, IoWrite> bySeq, TimeSpan offset)
    {
        /// <summary>The finding, or null when the slot holds <paramref name="acked"/> or a later write attempted there up to <paramref name="lastAttempt"/>.</summary>
        public IoReadbackFinding? Check(IoWrite acked, IoVerifySlot? v, IoReadPurpose purpose, DateTimeOffset? readAt, long lastAttempt)
        {
            var expected = $"last acknowledged write {Describe(acked.Seq)}";
            var where = purpose switch
            {
                IoReadPurpose.Sample => $"read during the run at {Time(readAt!.Value)}: ",
                IoReadPurpose.Reuse => $"read before the slot was written again at {Time(readAt!.Value)}: ",
                _ => "",
            };
            IoReadbackFinding Finding(IoReadbackKind kind, long? found, IReadOnlyList<long?> sectors, string what) =>
                new(acked.Slot, kind, acked.Seq, acked.Submitted(offset), acked.Completed(offset), found,
                    found is { } fs && bySeq.TryGetValue(fs, out var fw) ? fw.Submitted(offset) : null, sectors,
                    $"slot {acked.Slot}: {expected}; {where}{what}", purpose, readAt);

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
            if (seq == acked.Seq || AttemptedLater(seq)) return null;
            return seq < acked.Seq
                ? Finding(IoReadbackKind.Stale, seq, [], $"found the older {Describe(seq)}")
                : Finding(IoReadbackKind.Unexpected, seq, [], $"found {Describe(seq)}, which was never sent to this slot after it");

            // A write to this slot after the acknowledged one, before the read: logged with this slot, or (after the
            // stop) the one in flight when the log ended.
            bool AttemptedLater(long s) =>
                s > acked.Seq && s <= lastAttempt && (bySeq.TryGetValue(s, out var w) ? w.Slot == acked.Slot : s == lastAttempt && purpose == IoReadPurpose.Final);
        }

        private string Describe(long seq) =>
            bySeq.TryGetValue(seq, out var w)
                ? $"seq {seq} ({w.Outcome}, submitted {Time(w.Submitted(offset))})"
                : $"seq {seq} (not in the write log)";
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
