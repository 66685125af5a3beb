using System.Globalization;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Gherkin.Execution;
using SanChaos.Labs.Provisioning;
using SanChaos.Observers;
using SanChaos.Observers.Capture;
using SanChaos.Observers.IoProbe;
using SanChaos.Observers.Timeline;
using SanChaos.Reporting.Environment;

namespace SanChaos.Reporting.Tests.Fixtures;

/// <summary>
/// Run folders as a drill run leaves them, made with the real types' serializers (JsonLinesResultSink, HistoryFile,
/// RunEnvironment) from what was recorded on the embedded lab (tests/SanChaos.Observers.Tests/Fixtures/kill-primary:
/// the nodes' timeline logs through the real TimelineInterpreter, the real pcaps through the real ArpDecoder, copied
/// into the scenario's folder). The I/O probe's writes are modelled on the same run (50 writes/s; the write in flight
/// at the power cut returns EIO when multipath fails the paths; writes fail at once until the sessions log in again),
/// analysed by the real IoProbeAnalysis. <c>delay</c> plants a regression: everything the cluster does after the cut
/// happens that much later (as with a longer Heartbeat deadtime).
/// </summary>
internal static class RunFixtures
{
    public static string Recorded => Path.Combine(Repository.Root(), "tests", "SanChaos.Observers.Tests", "Fixtures", "kill-primary");

    private static readonly string[] Floating = ["192.168.1.1", "192.168.2.1"];

    private static readonly Dictionary<string, string> Macs = new(StringComparer.Ordinal)
    {
        ["52:54:00:01:02:01"] = "otter", ["52:54:00:02:02:01"] = "weasel", ["52:54:00:03:02:01"] = "badger",
        ["52:54:00:01:03:01"] = "otter", ["52:54:00:02:03:01"] = "weasel", ["52:54:00:03:03:01"] = "badger",
    };

    public const string Feature = "Power loss of a storage node";
    public const string KillPrimary = "The primary loses power";
    public const string SwitchOutline = "A storage switch loses power (switch: storage-a)";
    public const string Serial = "The serial cable is pulled";

    /// <summary>When weasel's outlet was switched off and on (times.txt).</summary>
    public static (DateTimeOffset Off, DateTimeOffset On) PowerTimes()
    {
        var f = File.ReadAllText(Path.Combine(Recorded, "times.txt")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (Epoch(f[1]), Epoch(f[3]));
    }

    /// <summary>Writes a run folder under <paramref name="root"/> and returns its path (<paramref name="build"/>: the SUT
    /// build its environment names, none by default).</summary>
    public static string Write(string root, string name, TimeSpan delay = default, string? build = null)
    {
        var run = Path.Combine(root, name);
        Directory.CreateDirectory(run);
        var sink = new JsonLinesResultSink(Path.Combine(run, "scenarios.jsonl"));
        var (off, on) = PowerTimes();

        var kill = Path.Combine(run, "power-9");
        Directory.CreateDirectory(kill);
        var history = KillPrimaryHistory(kill, off, on, delay);
        HistoryFile.Write(Path.Combine(kill, "history.jsonl"), history);
        File.WriteAllText(Path.Combine(kill, "budget.txt"),
            "term                     expected      from\nheartbeat deadtime       10 s          ha.cf deadtime\ntakeover (resources)     2-8 s         haresources\nI/O stall                12-26 s       deadtime + takeover + multipath\n");
        var figures = ScenarioFigures.From(history).Select(f => new Figure(f.Name, f.Value, f.Detail)).ToArray();
        var stall = history.First(e => e.Kind == IoEventKinds.Stall);
        var stallS = double.Parse(stall.Data["duration_ms"], CultureInfo.InvariantCulture) / 1000;
        var takeover = (history.First(e => e.Kind == "hb.takeover-complete").Wall - off).TotalSeconds;
        ScenarioVerdict[] verdicts =
        [
            new("split-brain", "valid", "one primary at every moment", [$"{Hm(off)} weasel: powered off [fault.injected]", $"{Hm(off.AddSeconds(takeover))} otter: takeover complete for node weasel [hb.takeover-complete]"], null, 8),
            new("io-stall", "invalid", $"I/O stall {stallS:0.0} s, budget 12-26 s: over budget",
                [$"{Hm(stall.Wall)} badger: {stall.Message} [io.stall]", "budget: deadtime 10 s + takeover 2-8 s + multipath 0-8 s [budget.txt]"],
                new Dictionary<string, double> { ["stall_s"] = Math.Round(stallS, 3), ["takeover_s"] = Math.Round(takeover, 3) }, 9),
            new("acknowledged-writes", "valid", "every acknowledged write read back intact", ["read-back: 2731 checked, 2731 ok [io.readback]"], null, 10),
        ];
        var start = off.AddSeconds(-40);
        sink.Write(new ScenarioResult("features/power.feature:6", "features/power.feature", Feature, KillPrimary, ["power", "kill-primary"],
            "run-" + name, 42, StepStatus.Passed, start, TimeSpan.FromSeconds(190),
            [
                Step("Given ", "the SAN is in steady state", 4, start, 5),
                Step("When ", "the primary loses power", 7, start.AddSeconds(40), 1),
                Step("Then ", "otter holds the resources within 60 s", 8, start.AddSeconds(41), takeover),
                Step("And ", "I/O stalls no longer than the budget", 9, start.AddSeconds(41 + takeover), 0.1, StepStatus.Failed,
                    $"io-stall: INVALID: I/O stall {stallS:0.0} s, budget 12-26 s: over budget"),
                Step("And ", "no acknowledged write is lost", 10, start.AddSeconds(42 + takeover), 0.2),
            ],
            $"io-stall: INVALID: I/O stall {stallS:0.0} s, budget 12-26 s: over budget", [], figures, kill, verdicts) with { Status = StepStatus.Failed });

        var sw = Path.Combine(run, "switches-14");
        Directory.CreateDirectory(sw);
        var swStart = on.AddSeconds(120);
        HistoryFile.Write(Path.Combine(sw, "history.jsonl"),
        [
            Event(0, swStart.AddSeconds(10), EventKinds.FaultInjected, "power-off storage-a", "power-off storage-a: injected"),
            Event(1, swStart.AddSeconds(12 + delay.TotalSeconds), "multipath.path-failed", "timeline", "badger: Failing path 8:0",
                ("node", "badger"), ("map", "mpio"), ("path", "8:0")),
            Event(2, swStart.AddSeconds(40), EventKinds.FaultHealed, "power-off storage-a", "power-off storage-a: healed"),
        ]);
        sink.Write(new ScenarioResult("features/switches.feature:14", "features/switches.feature", "Storage switch failure", SwitchOutline,
            ["switch"], "run-" + name, 42, StepStatus.Passed, swStart, TimeSpan.FromSeconds(50),
            [
                Step("Given ", "the SAN is in steady state", 4, swStart, 3),
                Step("When ", "storage-a loses power", 9, swStart.AddSeconds(10), 1),
                Step("Then ", "badger keeps writing through storage-b", 10, swStart.AddSeconds(11), 30),
            ],
            null, [], [new Figure("path failed", $"+{2 + delay.TotalSeconds:0.0} s", "after the fault")], sw,
            [new ScenarioVerdict("io-stall", "valid", "no stall over 1 s", ["longest gap between acknowledged writes 40 ms [io.stall]"],
                new Dictionary<string, double> { ["stall_s"] = 0.04 }, 10)]));

        var serialStart = on.AddSeconds(200);
        sink.Write(new ScenarioResult("features/serial.feature:5", "features/serial.feature", "Heartbeat paths", Serial, ["serial"],
            "run-" + name, 42, StepStatus.Broken, serialStart, TimeSpan.FromSeconds(20),
            [
                Step("Given ", "the SAN is in steady state", 3, serialStart, 20, StepStatus.Broken,
                    "lab: weasel did not answer over SSH within 15 s (exit 255: Connection timed out)"),
                Step("When ", "the serial cable is pulled", 5, null, 0, StepStatus.Skipped),
            ],
            "lab: weasel did not answer over SSH within 15 s (exit 255: Connection timed out)", ["after-scenario: heal of serial-cut: nothing to heal"],
            [], null, [new ScenarioVerdict("split-brain", "unknown", "no timeline from weasel", ["weasel: not observed [observer.failed]"])]));

        new RunEnvironment(start, "ci-host-1", "embedded", "embedded", "lab/embedded.yaml",
            Sut(delay, build),
            [
                new NodeEnvironment("otter", "storage", new Dictionary<string, string> { ["kernel"] = "6.1.0-sanchaos-uml", ["drbd-module"] = "version: 8.4.11 (api:1/proto:86-101)", ["drbd-utils"] = "9.22.0-1", ["heartbeat"] = "1:3.0.6-13", ["targetcli-fb"] = "1:2.1.53-1.1" }),
                new NodeEnvironment("weasel", "storage", new Dictionary<string, string> { ["kernel"] = "6.1.0-sanchaos-uml" }, ["SshException: weasel: Connection timed out"]),
                new NodeEnvironment("badger", "client", new Dictionary<string, string> { ["kernel"] = "6.1.0-sanchaos-uml", ["open-iscsi"] = "2.1.8-1", ["multipath-tools"] = "0.9.4-3+deb12u1" }),
            ]).Write(run);
        return run;
    }

    private static Dictionary<string, string> Sut(TimeSpan delay, string? build)
    {
        var sut = new Dictionary<string, string>
        {
            ["heartbeat.deadtime"] = delay > TimeSpan.Zero ? $"{10 + delay.TotalSeconds:0} s" : "10 s", ["iscsi.replacement-timeout"] = "15 s",
            ["multipath.no-path-retry"] = "fail", ["target.implementation"] = "lio",
        };
        if (build is not null) sut["build"] = build;
        return sut;
    }

    /// <summary>The kill-primary history: timeline events, GARPs, the fault, the I/O probe; its files copied into <paramref name="dir"/>.</summary>
    private static IReadOnlyList<HistoryEvent> KillPrimaryHistory(string dir, DateTimeOffset off, DateTimeOffset on, TimeSpan delay)
    {
        DateTimeOffset Shift(DateTimeOffset t) => t > off.AddSeconds(2) ? t + delay : t;
        var events = new List<HistoryEvent>();
        var rules = TimelineRules.From(CommandCatalog.Default);
        foreach (var node in new[] { "otter", "weasel", "badger" })
        {
            var src = Path.Combine(Recorded, $"timeline-{node}.log");
            File.Copy(src, Path.Combine(dir, $"timeline-{node}.log"));
            var interpreter = new TimelineInterpreter(node, rules, Floating);
            foreach (var line in File.ReadLines(src).Select(NodeLine.Parse).Where(l => l is not null))
                foreach (var e in interpreter.Interpret(line!.Value))
                    if (e.NodeTime < on.AddSeconds(60))
                        events.Add(Event(0, Shift(e.NodeTime), e.Kind, "timeline", $"{node}: {e.Message}", e.Data.Select(kv => (kv.Key, kv.Value)).ToArray()));
        }

        foreach (var net in new[] { "storage-a", "storage-b" })
        {
            var pcap = Path.Combine(Recorded, $"capture-{net}.pcap");
            File.Copy(pcap, Path.Combine(dir, $"capture-{net}.pcap"));
            foreach (var frame in PcapReader.ReadFileAsync(pcap).GetAwaiter().GetResult())
                if (ArpDecoder.Decode(frame, net) is { IsGratuitous: true } f)
                    events.Add(Event(0, Shift(f.Time), NetEventKinds.Garp, "capture",
                        $"{Macs.GetValueOrDefault(f.SenderMac, "unknown")} ({f.SenderMac}) announced {f.SenderIp} on {net} (gratuitous {f.Form})",
                        ("ip", f.SenderIp.ToString()), ("mac", f.SenderMac), ("node", Macs.GetValueOrDefault(f.SenderMac, "")), ("network", net), ("form", f.Form)));
        }

        events.Add(Event(0, off, EventKinds.FaultInjected, "power-off weasel", "power-off weasel: injected (outlet 2 off)", ("node", "weasel"), ("outlet", "2")));
        events.Add(Event(0, on, EventKinds.FaultHealed, "power-off weasel", "power-off weasel: healed (outlet 2 on)", ("node", "weasel"), ("outlet", "2")));
        events.AddRange(Probe(dir, off, delay));
        return HistoryFile.InTimeOrder(events.Select((e, i) => e with { Sequence = i }));
    }

    /// <summary>The probe's writes around the cut, its log, and the events IoProbeObserver records from them.</summary>
    private static IEnumerable<HistoryEvent> Probe(string dir, DateTimeOffset off, TimeSpan delay)
    {
        var failPaths = off.AddSeconds(20.74) + delay;  // multipathd: "remaining active paths: 0" on badger
        var loggedIn = off.AddSeconds(36.45) + delay;   // both sessions LOGGED_IN again
        var writes = new List<IoWrite>();
        long seq = 0;
        static long Ns(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks * 100;
        for (var t = off.AddSeconds(-25); t < off.AddSeconds(80) + delay; t = t.AddMilliseconds(20))
        {
            if (t >= off && t < failPaths)
            {
                // The write in flight when the primary lost power returns EIO when multipath fails the last path.
                writes.Add(new IoWrite(++seq, (seq - 1) % 4096, Ns(t), Ns(failPaths), 5, "EIO", null));
                t = failPaths;
                continue;
            }

            var failed = t >= failPaths && t < loggedIn;
            writes.Add(new IoWrite(++seq, (seq - 1) % 4096, Ns(t), Ns(t.AddMilliseconds(failed ? 0.2 : 1.3 + seq % 7 * 0.3)), failed ? 5 : 0, failed ? "EIO" : null, null));
        }

        File.WriteAllLines(Path.Combine(dir, "io-probe.log"),
            new[] { "H sanchaos-ioprobe 1 mode=write device=/dev/mapper/mpio offset=104857600 size=16777216 block=4096 slots=4096 run=fixture pid=4242" }
                .Concat(writes.Select(w => $"W {w.Seq} {w.Slot} {w.SubmitNs} {w.CompleteNs} {w.Errno}{(w.ErrnoName is { } n ? " " + n : "")}")));
        var a = IoProbeAnalysis.Analyze(writes, 4096, TimeSpan.Zero);
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
        static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        foreach (var s in a.Seconds)
            yield return Event(0, s.Start, IoEventKinds.Second, "io-probe", $"{s.Ok} ok, {s.Errors} failed",
                ("ok", s.Ok.ToString(CultureInfo.InvariantCulture)), ("errors", s.Errors.ToString(CultureInfo.InvariantCulture)),
                ("bytes_ok", s.BytesOk.ToString(CultureInfo.InvariantCulture)), ("max_latency_ms", Ms(s.MaxLatency)));
        foreach (var w in a.ErrorWindows)
            yield return Event(0, w.First, IoEventKinds.Errors, "io-probe", $"{w.Count} write(s) failed ({w.ErrorsText}) from {T(w.First)} to {T(w.Last)}",
                ("count", w.Count.ToString(CultureInfo.InvariantCulture)), ("errors", w.ErrorsText), ("first", T(w.First)), ("last", T(w.Last)), ("duration_ms", Ms(w.Duration)));
        var stall = a.LongestStall!;
        yield return Event(0, stall.Start, IoEventKinds.Stall, "io-probe",
            $"{Core.Time.Durations.Format(stall.Duration)} without an acknowledged write, from {T(stall.Start)} to {T(stall.End)}, {stall.FailedWrites} write(s) failed meanwhile",
            ("duration_ms", Ms(stall.Duration)), ("start", T(stall.Start)), ("end", T(stall.End)), ("recovered", stall.Recovered ? "true" : "false"));
    }

    private static StepResult Step(string keyword, string text, int line, DateTimeOffset? started, double seconds, StepStatus status = StepStatus.Passed, string? error = null) =>
        new(keyword, text, line, status, started, TimeSpan.FromSeconds(seconds), error, status == StepStatus.Skipped ? null : "SanChaos.Drills.Bindings.Steps.Method");

    private static HistoryEvent Event(long seq, DateTimeOffset at, string kind, string source, string message, params (string Key, string Value)[] data) =>
        new(seq, at.UtcTicks, at, kind, source, message, data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));

    private static string Hm(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static DateTimeOffset Epoch(string seconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(decimal.Parse(seconds, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
}
