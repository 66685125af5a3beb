using System.Globalization;
using System.Reflection;
using SanChaos.Core.History;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Tests.Support;

/// <summary>
/// An I/O probe run as the observer leaves it: the probe's raw write and verify logs (<c>io-probe.log</c>,
/// <c>io-verify.log</c>) and the events it records from them. The events come from the observer's own recorder
/// (IoProbeRecorder, internal to SanChaos.Observers, reached by reflection so that the data keys the checkers read are
/// the ones production writes) on the real parsers and analysis (<see cref="IoProbeLog"/>, <see cref="IoProbeAnalysis"/>,
/// <see cref="IoReadback"/>).
/// </summary>
internal sealed class ProbeRun
{
    private static readonly Type Recorder = typeof(IoProbeAnalysis).Assembly.GetType("SanChaos.Observers.IoProbe.IoProbeRecorder", throwOnError: true)!;

    public ProbeRun(string writeLog, string verifyLog, string node = "badger", DateTimeOffset? stopped = null)
    {
        WriteLog = writeLog;
        VerifyLog = verifyLog;
        Node = node;
        Log = IoProbeLog.Parse(writeLog);
        Analysis = IoProbeAnalysis.Analyze(Log.Writes, Log.BlockSize, TimeSpan.Zero, stopped);
    }

    public string WriteLog { get; }

    public string VerifyLog { get; }

    public string Node { get; }

    public IoProbeLog Log { get; }

    public IoProbeAnalysis Analysis { get; }

    public IoReadback Readback => IoReadback.Classify(Analysis.Writes, IoProbeLog.Parse(VerifyLog).Slots, TimeSpan.Zero);

    /// <summary>The recorded FUSE-disk run (Fixtures/io-probe-fuse): lost, stale and torn slots.</summary>
    public static ProbeRun Fuse() => new(File.ReadAllText(Path.Combine("Fixtures", "io-probe-fuse", "io-probe.log")),
        File.ReadAllText(Path.Combine("Fixtures", "io-probe-fuse", "io-verify.log")));

    /// <summary>
    /// A probe writing a block every <paramref name="pause"/> from <paramref name="from"/> to <paramref name="to"/>: the
    /// write in flight at <paramref name="hang"/> hangs until <paramref name="hangEnds"/>, then (when
    /// <paramref name="errorsUntil"/> is later) writes fail with EIO at once until then, then they succeed again. Verify
    /// reads every slot back intact unless <paramref name="readBack"/> says otherwise for a slot (its V line's rest). The
    /// probe is stopped at <paramref name="to"/> (a write still hanging then is never reported).
    /// </summary>
    public static ProbeRun Scripted(DateTimeOffset from, DateTimeOffset to, DateTimeOffset hang, DateTimeOffset hangEnds, DateTimeOffset errorsUntil,
        TimeSpan? pause = null, int slots = 256, Func<long, long, string?>? readBack = null)
    {
        var step = pause ?? TimeSpan.FromMilliseconds(50);
        var lines = new List<string> { $"H sanchaos-ioprobe 1 mode=write device=/dev/mapper/mpio offset=67108864 size={slots * 4096} block=4096 slots={slots} run=kp-test pid=4242 clock=realtime pause_ms={step.TotalMilliseconds} dsync=1 start_ns={Ns(from)}" };
        var acked = new Dictionary<long, long>();
        long seq = 0;
        for (var t = from; t < to; t += step)
        {
            var slot = seq % slots;
            seq++;
            if (t < hang && t + step >= hang)
            {
                if (hangEnds >= to) break; // still hanging when the probe was stopped: it never reported this write
                var failed = errorsUntil > hangEnds;
                lines.Add($"W {seq} {slot} {Ns(t)} {Ns(hangEnds)} {(failed ? "5 EIO" : "0")}");
                if (!failed) acked[slot] = seq;
                t = hangEnds;
                continue;
            }

            var error = t >= hangEnds && t < errorsUntil;
            lines.Add($"W {seq} {slot} {Ns(t)} {Ns(t + TimeSpan.FromMilliseconds(error ? 0.2 : 1.4))} {(error ? "5 EIO" : "0")}");
            if (!error) acked[slot] = seq;
        }

        lines.Add($"S end=signal:TERM writes={seq}");
        var verify = new List<string> { $"H sanchaos-ioprobe 1 mode=verify device=/dev/mapper/mpio offset=67108864 size={slots * 4096} block=4096 slots={slots} run=kp-test pid=4243 clock=realtime" };
        for (long s = 0; s < slots; s++)
            verify.Add($"V {s} " + (readBack?.Invoke(s, acked.GetValueOrDefault(s)) ?? (acked.TryGetValue(s, out var q) ? $"{q} ok" : "- empty")));
        return new ProbeRun(string.Join('\n', lines) + "\n", string.Join('\n', verify) + "\n", stopped: to);
    }

    /// <summary>The events the observer records at start and stop (started, seconds, errors, stall, summary, read-back), stamped at <paramref name="stoppedAt"/>.</summary>
    public IReadOnlyList<HistoryEvent> Events(DateTimeOffset stoppedAt, bool readback = true, string? readbackFailure = null)
    {
        var history = new RunHistory(new FixedTime(stoppedAt));
        history.AppendAt(Analysis.Start, IoEventKinds.Started, "io-probe", $"I/O probe writing 4096 B blocks to /dev/mapper/mpio on {Node}",
            new Dictionary<string, string> { ["node"] = Node, ["device"] = "/dev/mapper/mpio", ["run"] = Log.Header?.GetValueOrDefault("run") ?? "" });
        var about = new Dictionary<string, string> { ["node"] = Node, ["device"] = "/dev/mapper/mpio", ["probe_end"] = "signal:TERM", ["probe_exit"] = "0" };
        Invoke("RecordRun", history, "io-probe", Analysis, null, about);
        if (readbackFailure is not null) Invoke("RecordReadbackFailure", history, "io-probe", readbackFailure);
        else if (readback) Invoke("RecordReadback", history, "io-probe", Readback);
        return history.Events;
    }

    /// <summary>Writes the raw logs into <paramref name="folder"/> as the observer names them.</summary>
    public string WriteArtifacts(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, IoProbeObserver.LogFile), WriteLog + "# exit 0\n");
        File.WriteAllText(Path.Combine(folder, IoProbeObserver.VerifyFile), VerifyLog + "# exit 0\n");
        return folder;
    }

    private static void Invoke(string method, params object?[] args) =>
        Recorder.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);

    private static string Ns(DateTimeOffset t) => ((t - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
