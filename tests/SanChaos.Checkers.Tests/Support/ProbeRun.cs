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

    public IoReadback Readback => IoReadback.Classify(Analysis.Writes, Log.Reads, IoProbeLog.Parse(VerifyLog).Slots, TimeSpan.Zero);

    /// <summary>The recorded FUSE-disk run (Fixtures/io-probe-fuse, probe version 1): lost, stale and torn slots.</summary>
    public static ProbeRun Fuse() => Recorded("io-probe-fuse");

    /// <summary>A recorded run: Fixtures/<paramref name="fixture"/>/io-probe.log and io-verify.log.</summary>
    public static ProbeRun Recorded(string fixture) => new(File.ReadAllText(Path.Combine("Fixtures", fixture, "io-probe.log")),
        File.ReadAllText(Path.Combine("Fixtures", fixture, "io-verify.log")));

    /// <summary>
    /// A probe (version 2) writing a block every <paramref name="pause"/> from <paramref name="from"/> to
    /// <paramref name="to"/>: the write in flight at <paramref name="hang"/> hangs until <paramref name="hangEnds"/>, then
    /// (when <paramref name="errorsUntil"/> is later) writes and reads fail with EIO at once until then, then they succeed
    /// again. Like the probe, it moves to the next slot after an acknowledged write only, reads back every acknowledged
    /// write before its slot is written again (<c>R reuse</c>; right before the write, where the probe reads up to a chunk
    /// ahead), reads the slot again after a failed write, and samples one earlier acknowledged write every
    /// <paramref name="sampleEvery"/> acknowledged writes (<c>R sample</c>). Reads return what the serving node holds:
    /// with <paramref name="cutFrom"/>, writes acknowledged from then until <paramref name="hang"/> reached the primary
    /// alone (the replication cable was cut) and from <paramref name="hang"/> on (the primary lost power) the survivor
    /// serves, without them. Verify reads every slot back from the serving node unless <paramref name="readBack"/> says
    /// otherwise for a slot (its V line's rest; it gets the slot and its last acknowledged write). The probe is stopped at
    /// <paramref name="to"/> (a write still hanging then is never reported).
    /// </summary>
    public static ProbeRun Scripted(DateTimeOffset from, DateTimeOffset to, DateTimeOffset hang, DateTimeOffset hangEnds, DateTimeOffset errorsUntil,
        TimeSpan? pause = null, int slots = 256, Func<long, long, string?>? readBack = null, DateTimeOffset? cutFrom = null, int sampleEvery = 32)
    {
        var step = pause ?? TimeSpan.FromMilliseconds(50);
        var lines = new List<string> { $"H sanchaos-ioprobe 2 mode=write device=/dev/mapper/mpio offset=1048576 size={slots * 4096} block=4096 slots={slots} run=kp-test pid=4242 clock=realtime pause_ms={step.TotalMilliseconds} dsync=1 start_ns={Ns(from)} sample_every={sampleEvery} reuse=read-first" };
        var primary = new Dictionary<long, long>();
        var survivor = new Dictionary<long, long>();
        var lastAck = new Dictionary<long, long>();
        var pending = new HashSet<long>();
        var acks = new List<DateTimeOffset>();
        long seq = 0, pointer = 0;
        var turn = 0;
        var disturbed = false;
        for (var t = from; t < to; t += step)
        {
            var slot = pointer;
            if (disturbed && lastAck.ContainsKey(slot)) pending.Add(slot);
            if (pending.Contains(slot) && Read("reuse", slot, t)) pending.Remove(slot);
            seq++;
            if (t < hang && t + step >= hang)
            {
                if (hangEnds >= to) break; // still hanging when the probe was stopped: it never reported this write
                var failed = errorsUntil > hangEnds;
                lines.Add($"W {seq} {slot} {Ns(t)} {Ns(hangEnds)} {(failed ? "5 EIO" : "0")}");
                if (!failed) Acked(slot, hangEnds);
                disturbed = true; // it took over a second
                t = hangEnds;
                continue;
            }

            var error = Failing(t);
            lines.Add($"W {seq} {slot} {Ns(t)} {Ns(t + TimeSpan.FromMilliseconds(error ? 0.2 : 1.4))} {(error ? "5 EIO" : "0")}");
            if (!error) Acked(slot, t + TimeSpan.FromMilliseconds(1.4));
            disturbed = error;
        }

        lines.Add($"S end=signal:TERM writes={seq}");
        var verify = new List<string> { $"H sanchaos-ioprobe 2 mode=verify device=/dev/mapper/mpio offset=1048576 size={slots * 4096} block=4096 slots={slots} run=kp-test pid=4243 clock=realtime" };
        for (long s = 0; s < slots; s++) verify.Add($"V {s} " + (readBack?.Invoke(s, lastAck.GetValueOrDefault(s)) ?? Serve(s, to)));
        return new ProbeRun(string.Join('\n', lines) + "\n", string.Join('\n', verify) + "\n", stopped: to);

        bool Failing(DateTimeOffset t) => t >= hangEnds && t < errorsUntil;

        string Serve(long slot, DateTimeOffset t) =>
            (cutFrom is not null && t >= hang ? survivor : primary).TryGetValue(slot, out var q) ? $"{q} ok" : "- empty";

        // After write `seq` returned: what the serving node holds in the slot; false when the read failed.
        bool Read(string why, long slot, DateTimeOffset t)
        {
            var failing = Failing(t);
            lines.Add($"R {why} {seq} {Ns(t)} {Ns(t + TimeSpan.FromMilliseconds(0.3))} {slot} {(failing ? "- unreadable 5 EIO" : Serve(slot, t))}");
            return !failing;
        }

        void Acked(long slot, DateTimeOffset at)
        {
            primary[slot] = seq;
            if (cutFrom is not { } cut || at < cut || at >= hang) survivor[slot] = seq;
            lastAck[slot] = seq;
            pending.Add(slot);
            pointer = (pointer + 1) % slots;
            acks.Add(at);
            if (sampleEvery <= 0 || acks.Count % sampleEvery != 0 || disturbed) return;
            // The newest acknowledged write at least 1 s, 10 s, 60 s old in turn, when it is still in its slot: the k-th
            // acknowledged write went to slot (k - 1) % slots.
            var age = TimeSpan.FromSeconds(new[] { 1, 10, 60 }[turn++ % 3]);
            var k = acks.FindLastIndex(a => a <= at - age) + 1;
            if (k > 0 && acks.Count - k < slots) Read("sample", (k - 1) % slots, at);
        }
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
