using System.Globalization;
using System.Text;
using SanChaos.Core.History;
using SanChaos.Core.Time;

namespace SanChaos.Observers.IoProbe;

/// <summary>Writes the probe's results into the run's history (<see cref="IoEventKinds"/>) and into its text report.</summary>
internal static class IoProbeRecorder
{
    /// <summary>At most this many findings go into the <c>io.readback</c> event; the report file has them all.</summary>
    public const int FindingsInHistory = 100;

    /// <summary>Per-second aggregates, error windows, the longest stall and the summary.</summary>
    /// <param name="history">Where to append.</param>
    /// <param name="source">The observer's name.</param>
    /// <param name="a">The analysis.</param>
    /// <param name="phases">Throughput around the faults, when there were faults.</param>
    /// <param name="about">Node, device, region, probe run id, probe end... (copied into the summary's data).</param>
    public static void RecordRun(RunHistory history, string source, IoProbeAnalysis a, IoPhases? phases, IReadOnlyDictionary<string, string> about)
    {
        foreach (var s in a.Seconds)
            history.AppendAt(s.Start, IoEventKinds.Second, source,
                $"{s.Ok} ok, {s.Errors} failed, max latency {Durations.Format(s.MaxLatency)}",
                new Dictionary<string, string>
                {
                    ["ok"] = N(s.Ok), ["errors"] = N(s.Errors), ["bytes_ok"] = N(s.BytesOk), ["max_latency_ms"] = Ms(s.MaxLatency),
                });

        foreach (var w in a.ErrorWindows)
            history.AppendAt(w.First, IoEventKinds.Errors, source, ErrorWindowText(w),
                new Dictionary<string, string>
                {
                    ["count"] = N(w.Count), ["errors"] = w.ErrorsText, ["first"] = T(w.First), ["last"] = T(w.Last),
                    ["duration_ms"] = Ms(w.Duration), ["first_seq"] = N(w.FirstSeq), ["last_seq"] = N(w.LastSeq),
                });

        if (a.LongestStall is { } stall)
            history.AppendAt(stall.Start, IoEventKinds.Stall, source, StallText(stall),
                new Dictionary<string, string>
                {
                    ["duration_ms"] = Ms(stall.Duration), ["start"] = T(stall.Start), ["end"] = T(stall.End),
                    ["recovered"] = stall.Recovered ? "true" : "false", ["before_seq"] = N(stall.BeforeSeq), ["after_seq"] = N(stall.AfterSeq),
                    ["failed_writes"] = N(stall.FailedWrites),
                });

        var data = new Dictionary<string, string>(about)
        {
            ["writes"] = N(a.Writes.Count), ["ok"] = N(a.Total.Ok), ["errors"] = N(a.Total.Errors), ["bytes_ok"] = N(a.Total.BytesOk),
            ["writes_per_s"] = F(a.Total.WritesPerSecond), ["mb_per_s"] = F(a.Total.MegabytesPerSecond),
            ["latency_p50_ms"] = Ms(a.Latency.P50), ["latency_p90_ms"] = Ms(a.Latency.P90), ["latency_p99_ms"] = Ms(a.Latency.P99),
            ["latency_p999_ms"] = Ms(a.Latency.P999), ["latency_max_ms"] = Ms(a.Latency.Max),
            ["longest_stall_ms"] = Ms(a.LongestStall?.Duration ?? TimeSpan.Zero), ["error_windows"] = N(a.ErrorWindows.Count),
            ["clock_offset_ms"] = Ms(a.NodeClockOffset), ["start"] = T(a.Start), ["end"] = T(a.End),
        };
        if (phases is not null)
        {
            foreach (var (name, p) in new[] { ("before", phases.Before), ("during", phases.During), ("after", phases.After) })
            {
                data[name + "_from"] = T(p.From);
                data[name + "_to"] = T(p.To);
                data[name + "_ok"] = N(p.Ok);
                data[name + "_errors"] = N(p.Errors);
                data[name + "_writes_per_s"] = F(p.WritesPerSecond);
                data[name + "_mb_per_s"] = F(p.MegabytesPerSecond);
            }
        }

        history.Append(IoEventKinds.Summary, source, SummaryText(a, phases), data);
    }

    /// <summary>
    /// The read-back's counts (acknowledged writes, how many were read back, during the run and after the stop, how
    /// many were replaced unread), the sequence numbers of the findings and of the unverified writes as ranges, and the
    /// findings themselves (the first <see cref="FindingsInHistory"/>).
    /// </summary>
    public static void RecordReadback(RunHistory history, string source, IoReadback r)
    {
        var data = new Dictionary<string, string>
        {
            ["acknowledged"] = N(r.Acknowledged), ["read_back"] = N(r.ReadBack), ["ok"] = N(r.Ok), ["checked"] = N(r.SlotsChecked),
            ["reads"] = N(r.ReadsDuringRun), ["failed_reads"] = N(r.FailedReads), ["unverified"] = N(r.Unverified.Count),
            ["status"] = r.Clean ? "clean" : "findings",
        };
        foreach (var k in Enum.GetValues<IoReadbackKind>()) data[k.ToString().ToLowerInvariant()] = N(r.Count(k));
        if (r.Findings.Count > 0)
        {
            data["finding_seqs"] = IoSeqRanges.Format(r.Findings.Select(f => f.AcknowledgedSeq));
            data["first_finding_acknowledged"] = T(r.Findings.Min(f => f.Acknowledged));
            data["last_finding_acknowledged"] = T(r.Findings.Max(f => f.Acknowledged));
        }

        if (r.Unverified.Count > 0) data["unverified_seqs"] = IoSeqRanges.Format(r.Unverified.Select(w => w.Seq));
        for (var i = 0; i < r.Findings.Count && i < FindingsInHistory; i++) data[$"finding.{i + 1}"] = r.Findings[i].Detail;
        if (r.Findings.Count > FindingsInHistory) data["findings_omitted"] = N(r.Findings.Count - FindingsInHistory);
        var first = r.Findings.Take(3).Select(f => f.Detail).ToArray();
        history.Append(IoEventKinds.Readback, source,
            "read-back: " + r.CountsText + (first.Length == 0 ? "" : "; " + string.Join("; ", first) + (r.Findings.Count > 3 ? "; ..." : "")),
            data);
    }

    /// <summary>A read-back that could not be done: status <c>failed</c> and the reason.</summary>
    public static void RecordReadbackFailure(RunHistory history, string source, string reason) =>
        history.Append(IoEventKinds.Readback, source, "read-back failed: " + reason,
            new Dictionary<string, string> { ["status"] = "failed", ["reason"] = reason });

    /// <summary>The text report (<c>io-report.txt</c>): everything above, with every finding.</summary>
    public static string Report(IoProbeAnalysis a, IoPhases? phases, IoReadback? readback, string? readbackFailure, IReadOnlyDictionary<string, string> about)
    {
        var sb = new StringBuilder();
        sb.AppendLine("I/O probe: " + string.Join(" ", about.Select(kv => $"{kv.Key}={kv.Value}")));
        sb.AppendLine(SummaryText(a, phases));
        sb.AppendLine(a.LongestStall is { } s ? "Longest stall: " + StallText(s) : "Longest stall: none (no writes)");
        sb.AppendLine($"Error windows: {a.ErrorWindows.Count}");
        foreach (var w in a.ErrorWindows) sb.AppendLine("  " + ErrorWindowText(w));
        sb.AppendLine(readback is not null ? "Read-back: " + readback.CountsText : "Read-back failed: " + readbackFailure);
        foreach (var f in readback?.Findings ?? []) sb.AppendLine($"  {f.Kind.ToString().ToLowerInvariant()}: {f.Detail}");
        if (readback is { Unverified.Count: > 0 } u)
            sb.AppendLine($"  unverified (replaced before any read of their slot succeeded): seq {IoSeqRanges.Format(u.Unverified.Select(w => w.Seq), int.MaxValue)}");
        sb.AppendLine("Per second (start, ok, failed, max latency ms):");
        foreach (var sec in a.Seconds) sb.AppendLine($"  {T(sec.Start)} {sec.Ok} {sec.Errors} {Ms(sec.MaxLatency)}");
        return sb.ToString();
    }

    private static string SummaryText(IoProbeAnalysis a, IoPhases? phases)
    {
        var t = a.Total;
        var text = $"{a.Writes.Count} writes in {Durations.Format(t.Duration)}: {t.Ok} acknowledged, {t.Errors} failed, " +
                   $"{F(t.WritesPerSecond)} writes/s, {F(t.MegabytesPerSecond)} MB/s; latency p50 {Ms(a.Latency.P50)} ms, " +
                   $"p99 {Ms(a.Latency.P99)} ms, max {Ms(a.Latency.Max)} ms; longest stall " +
                   Durations.Format(a.LongestStall?.Duration ?? TimeSpan.Zero) + $", {a.ErrorWindows.Count} error window(s)";
        if (phases is not null)
            text += $"; writes/s before {F(phases.Before.WritesPerSecond)}, during {F(phases.During.WritesPerSecond)}, " +
                    $"after {F(phases.After.WritesPerSecond)} the faults";
        return text;
    }

    private static string StallText(IoStall s) =>
        $"{Durations.Format(s.Duration)} without an acknowledged write, from {T(s.Start)} " +
        (s.BeforeSeq is { } b ? $"(seq {b} acknowledged)" : "(the probe's start)") + $" to {T(s.End)} " +
        (s.AfterSeq is { } n ? $"(seq {n} acknowledged)" : "(not recovered when observation ended)") +
        $", {s.FailedWrites} write(s) failed meanwhile";

    private static string ErrorWindowText(IoErrorWindow w) =>
        $"{w.Count} write(s) failed ({w.ErrorsText}) from {T(w.First)} to {T(w.Last)} ({Durations.Format(w.Duration)}), seq {w.FirstSeq}..{w.LastSeq}";

    private static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
}
