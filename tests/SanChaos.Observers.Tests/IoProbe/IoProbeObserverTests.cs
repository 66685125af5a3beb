using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Observers.IoProbe;
using SanChaos.Observers.Tests.IoProbe.Fakes;
using Xunit;

namespace SanChaos.Observers.Tests.IoProbe;

/// <summary>The observer against a node that plays the recorded run (the probe itself is compiled for real: needs gcc).</summary>
[Trait("Category", "unit")]
public sealed class IoProbeObserverTests : IDisposable
{
    private const string WriteCommand =
        "exec /usr/local/sbin/sanchaos-ioprobe write /dev/mapper/mpio --offset 33554432 --size 65536 --run rec-7f3a --block 4096 --pause-ms 5 --sample-every 32 --dsync";

    private const string VerifyCommand =
        "/usr/local/sbin/sanchaos-ioprobe verify /dev/mapper/mpio --offset 33554432 --size 65536 --run rec-7f3a --block 4096";

    private static readonly TimeSpan Offset = TimeSpan.FromMilliseconds(1);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sanchaos-test-ioprobe-" + Guid.NewGuid().ToString("N")[..8]);

    public IoProbeObserverTests() => Directory.CreateDirectory(Path.Combine(_dir, "artifacts"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(long ns) => DateTimeOffset.UnixEpoch.AddTicks(ns / 100) - Offset;

    private (ObserverContext Context, IoProbeObserver Probe) Setup(INode node, string? artifacts = null, Func<IoProbeOptions, IoProbeOptions>? edit = null)
    {
        var run = new RunContext("0123abcd", new ManualTime(At(1795967070370872217).AddMilliseconds(20)));
        var inventory = InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml"));
        var context = new ObserverContext(run, inventory, new Dictionary<string, INode> { [node.Name] = node }, artifacts ?? Path.Combine(_dir, "artifacts"));
        var options = new IoProbeOptions
        {
            Offset = 32L << 20, Size = 64 << 10, ProbeRunId = "rec-7f3a", CacheDirectory = Path.Combine(_dir, "cache"),
            NodeClockOffset = n => n == "badger" ? Offset : throw new ArgumentException(n),
        };
        return (context, new IoProbeObserver(edit?.Invoke(options) ?? options));
    }

    [Fact]
    public async Task Installs_and_runs_the_probe_then_records_seconds_errors_stall_summary_and_readback()
    {
        var node = new ReplayNode("badger", RecordedOutput.Write, RecordedOutput.Verify);
        var (context, probe) = Setup(node);
        await using var _ = probe;

        await probe.StartAsync(context, Ct);
        probe.Snapshot().Writes.Should().HaveCount(52, "the node gave every line before the stop");
        context.Run.History.AppendAt(At(1795967069100000000), EventKinds.FaultInjected, "test", "the disk fails");
        context.Run.History.AppendAt(At(1795967069500000000), EventKinds.FaultHealed, "test", "the disk serves again");
        await probe.StopAsync(Ct);
        await probe.StopAsync(Ct);

        node.Started.Should().Equal(WriteCommand);
        node.Uploads.Keys.Should().Equal("/usr/local/sbin/sanchaos-ioprobe.b64");
        node.Executed.Should().Contain(VerifyCommand).And.ContainSingle(c => c.Contains("base64 -d", StringComparison.Ordinal));

        var events = context.Run.History.Events.Where(e => e.Source == "io-probe").ToArray();
        events.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count()).Should().Equal(new Dictionary<string, int>
        {
            [IoEventKinds.Started] = 1, [IoEventKinds.Second] = 4, [IoEventKinds.Errors] = 1, [IoEventKinds.Stall] = 1,
            [IoEventKinds.Summary] = 1, [IoEventKinds.Readback] = 1,
        });

        var stall = events.Single(e => e.Kind == IoEventKinds.Stall);
        stall.Wall.Should().Be(At(1795967068139133563), "a stall is stamped at its start, on the harness clock");
        stall.Data.Should().Contain(new Dictionary<string, string>
        {
            ["duration_ms"] = "551.818", ["recovered"] = "true", ["before_seq"] = "18", ["after_seq"] = "19", ["failed_writes"] = "0",
        });
        var errors = events.Single(e => e.Kind == IoEventKinds.Errors);
        errors.Wall.Should().Be(At(1795967069149959286));
        errors.Data.Should().Contain(new Dictionary<string, string> { ["count"] = "7", ["errors"] = "EIO=7", ["first_seq"] = "28", ["last_seq"] = "34" });
        errors.Message.Should().StartWith("7 write(s) failed (EIO=7) from ");
        events.Where(e => e.Kind == IoEventKinds.Second).Select(e => e.Data["ok"]).Should().Equal("15", "10", "12", "8");

        var summary = events.Single(e => e.Kind == IoEventKinds.Summary).Data;
        summary.Should().Contain(new Dictionary<string, string>
        {
            ["node"] = "badger", ["device"] = "/dev/mapper/mpio", ["run"] = "rec-7f3a", ["writes"] = "52", ["ok"] = "45", ["errors"] = "7",
            ["probe_end"] = "signal:TERM", ["probe_exit"] = "0", ["clock_offset_ms"] = "1", ["latency_max_ms"] = "501.711",
            ["longest_stall_ms"] = "551.818", ["before_ok"] = "27", ["during_ok"] = "0", ["during_errors"] = "7", ["after_ok"] = "18",
        });

        var readback = events.Single(e => e.Kind == IoEventKinds.Readback);
        readback.Data.Should().Contain(new Dictionary<string, string>
        {
            ["status"] = "findings", ["checked"] = "16", ["ok"] = "11", ["lost"] = "2", ["stale"] = "1", ["torn"] = "2", ["unreadable"] = "0",
        });
        readback.Data["finding.1"].Should().StartWith("slot 4: last acknowledged write seq 37");
        readback.Data.Should().Contain(new Dictionary<string, string>
        {
            ["acknowledged"] = "45", ["read_back"] = "16", ["unverified"] = "29", ["reads"] = "0", ["finding_seqs"] = "37,39,41,43,45",
        }, "the recording comes from probe version 1, which overwrote 29 acknowledged writes without reading them back");
        readback.Message.Should().StartWith("read-back: 45 acknowledged writes: 16 read back (16 slots at the end, 0 reads during the run), 29 unverified; " +
                                            "2 lost, 1 stale, 2 torn");

        probe.Analysis!.NodeClockOffset.Should().Be(Offset);
        probe.Readback!.Findings.Should().HaveCount(5);
        probe.Artifacts.Select(Path.GetFileName).Should().Equal("io-probe.log", "io-verify.log", "io-report.txt");
        (await File.ReadAllTextAsync(probe.Artifacts[0], Ct)).Should().Be(RecordedOutput.Write + "\n# exit 0\n");
        (await File.ReadAllTextAsync(probe.Artifacts[1], Ct)).Should().Be(RecordedOutput.Verify + "\n# exit 0\n");
        var report = await File.ReadAllTextAsync(probe.Artifacts[2], Ct);
        report.Should().Contain("Longest stall: 551.8 ms without an acknowledged write").And.Contain("  stale: slot 4: ").And.Contain("  torn: slot 8: ");
    }

    [Fact]
    public async Task A_region_to_the_end_of_the_device_is_read_back_as_far_as_the_probe_wrote()
    {
        // A version 2 writer's header on the embedded lab's 128 MiB map (1 MiB to the end: 32512 slots), with the times
        // of the first writes of RecordedOutput.Write; the third write failed, so it stayed on slot 2 and wrote nothing.
        const string write = """
            H sanchaos-ioprobe 2 mode=write device=/dev/mapper/mpio offset=1048576 size=133169152 block=4096 slots=32512 run=rec-7f3a pid=30937 clock=realtime pause_ms=5 dsync=1 start_ns=1795967067276817278 sample_every=32 reuse=read-first
            W 1 0 1795967067276835225 1795967067278189877 0
            W 2 1 1795967067328328153 1795967067328568840 0
            W 3 2 1795967067378686686 1795967067378913192 5 EIO
            S end=signal:TERM writes=3 ok=2 errors=1 short=0 bytes_ok=8192 max_latency_ns=1354652 first_submit_ns=1795967067276835225 last_complete_ns=1795967067378913192 reuse_reads=0 sample_reads=0 read_errors=0
            """;
        const string verify = """
            H sanchaos-ioprobe 2 mode=verify device=/dev/mapper/mpio offset=1048576 size=16384 block=4096 slots=4 run=rec-7f3a pid=31195 clock=realtime
            V 0 1 ok
            V 1 2 ok
            V 2 - foreign
            V 3 - foreign
            S verify slots=4 ok=2 bad=0 torn=0 empty=0 foreign=2 unreadable=0
            """;
        var node = new ReplayNode("badger", write, verify);
        var (context, probe) = Setup(node, edit: o => o with { Offset = IoProbeOptions.DefaultOffset, Size = null });

        await probe.StartAsync(context, Ct);
        await probe.StopAsync(Ct);

        node.Started.Should().Equal("exec /usr/local/sbin/sanchaos-ioprobe write /dev/mapper/mpio --offset 1048576 --size end --run rec-7f3a --block 4096 " +
                                    "--pause-ms 5 --sample-every 32 --dsync");
        node.Executed.Should().Contain("/usr/local/sbin/sanchaos-ioprobe verify /dev/mapper/mpio --offset 1048576 --size 16384 --run rec-7f3a --block 4096",
            "the slots written and the one after the last write (in flight when the log ended), not the whole map");
        probe.Readback!.Clean.Should().BeTrue(probe.Readback.CountsText);
        probe.Readback.Acknowledged.Should().Be(2);
        context.Run.History.Events.Single(e => e.Kind == IoEventKinds.Started).Data["size"].Should().Be("133169152");
    }

    [Fact]
    public async Task A_node_that_has_the_probe_already_gets_no_upload()
    {
        var node = new ReplayNode("badger", RecordedOutput.Write, RecordedOutput.Verify);
        var (context, first) = Setup(node);
        await first.StartAsync(context, Ct);
        await first.StopAsync(Ct);
        node.Uploads.Clear();

        var (context2, second) = Setup(node, Path.Combine(_dir, "artifacts"));
        await second.StartAsync(context2, Ct);
        await second.StopAsync(Ct);

        node.Uploads.Should().BeEmpty();
        context2.Run.History.Events.Single(e => e.Kind == IoEventKinds.Started).Data["installed"].Should().Be("false");
    }

    [Fact]
    public async Task A_probe_that_refuses_its_device_fails_the_start_with_its_message()
    {
        var node = new ReplayNode("badger", "", "") { RefuseWith = "sanchaos-ioprobe: /dev/mapper/mpio is not a block device" };
        var (context, probe) = Setup(node);

        var act = () => probe.StartAsync(context, Ct);

        var e = (await act.Should().ThrowAsync<SanChaosException>()).Which;
        e.Message.Should().Contain("ended before its first write (exit 2)").And.Contain("is not a block device");
        await probe.StopAsync(Ct);
        context.Run.History.Events.Should().BeEmpty("nothing ran, so nothing is recorded");
    }

    [Fact]
    public async Task A_readback_that_stops_short_is_recorded_as_failed_without_throwing()
    {
        var truncated = string.Join('\n', RecordedOutput.Verify.Split('\n').Take(4));
        var node = new ReplayNode("badger", RecordedOutput.Write, truncated);
        var (context, probe) = Setup(node);

        await probe.StartAsync(context, Ct);
        await probe.StopAsync(Ct);

        probe.Readback.Should().BeNull();
        probe.ReadbackFailure.Should().Contain("after 3 of 16 slots");
        var e = context.Run.History.Events.Single(x => x.Kind == IoEventKinds.Readback);
        e.Data["status"].Should().Be("failed");
        context.Run.History.Events.Should().ContainSingle(x => x.Kind == IoEventKinds.Stall, "the writes are recorded all the same");
    }

    [Fact]
    public async Task A_node_that_cannot_stream_is_refused_with_what_to_do()
    {
        var (context, probe) = Setup(new PlainNode());

        var e = (await probe.Invoking(p => p.StartAsync(context, Ct)).Should().ThrowAsync<SanChaosException>()).Which;
        e.Message.Should().Contain("cannot run a command as a stream");
    }

    private sealed class PlainNode : INode
    {
        public string Name => "badger";

        public Task<Core.Commands.CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) => throw new NotSupportedException();
    }
}
