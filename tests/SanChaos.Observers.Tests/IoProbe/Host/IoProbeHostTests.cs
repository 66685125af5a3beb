using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Remote;
using SanChaos.Observers.IoProbe;
using Xunit;

namespace SanChaos.Observers.Tests.IoProbe.Host;

/// <summary>
/// The real probe, through the observer, on a block device of this machine whose I/O is held (a stall) and then failed
/// (EIO); then defects are planted below the device and the read-back must name each one. This machine plays the
/// client node (<see cref="HostNode"/>). Root only; about 7 s each.
/// </summary>
[Trait("Category", "unit")]
public sealed class IoProbeHostTests : IAsyncDisposable
{
    private const long DiskSize = 16L << 20;
    private const long RegionOffset = 1L << 20;
    private const int RegionSize = 256 << 10;
    private const int Block = 4096;

    private readonly string _dir = Path.Combine("/tmp", "sanchaos-test-" + Guid.NewGuid().ToString("N")[..8]);

    public IoProbeHostTests() => Directory.CreateDirectory(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync() =>
        // --one-file-system: never into a mount left behind.
        await HostCommand.RunAsync(["rm", "-rf", "--one-file-system", "--", _dir]);

    [Fact]
    public async Task On_a_FUSE_backed_loop_device_the_stall_the_EIO_window_and_every_planted_defect_are_seen()
    {
        if (FuseDisk.Unavailable() is { } why) Assert.Skip(why);
        await using var disk = await FuseDisk.CreateAsync(_dir, DiskSize, Ct);
        await DrillAsync(disk);
    }

    [Fact]
    public async Task On_a_device_mapper_map_the_stall_the_EIO_window_and_every_planted_defect_are_seen()
    {
        if (await DmDisk.UnavailableAsync() is { } why) Assert.Skip(why + "; the FUSE test covers the same ground");
        await using var disk = await DmDisk.CreateAsync(_dir, DiskSize, Ct);
        await DrillAsync(disk);
    }

    private async Task DrillAsync(IFaultyDisk disk)
    {
        var run = new RunContext();
        var node = new HostNode("badger");
        var inventory = InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml"));
        Directory.CreateDirectory(Path.Combine(_dir, "artifacts"));
        var context = new ObserverContext(run, inventory, new Dictionary<string, INode> { ["badger"] = node }, Path.Combine(_dir, "artifacts"));
        var options = new IoProbeOptions
        {
            Device = disk.Device, Offset = RegionOffset, Size = RegionSize, RemotePath = Path.Combine(_dir, "sanchaos-ioprobe"),
            CacheDirectory = Path.Combine(_dir, "cache"),
        };
        await using var probe = new IoProbeObserver(options);

        await probe.StartAsync(context, Ct);
        await Task.Delay(700, Ct);
        var snapshotFrom = run.Time.GetUtcNow();
        var snapshot = disk.ReadBacking(RegionOffset, RegionSize);
        var snapshotTo = run.Time.GetUtcNow();
        await Task.Delay(300, Ct);
        try
        {
            await disk.StallAsync();
            await Task.Delay(1200, Ct);
            await disk.HealAsync();
            await Task.Delay(700, Ct);
            run.History.Append(EventKinds.FaultInjected, "test", "the disk fails every I/O");
            await disk.FailAsync();
            await Task.Delay(600, Ct);
        }
        finally
        {
            await disk.HealAsync();
        }

        run.History.Append(EventKinds.FaultHealed, "test", "the disk serves again");
        await Task.Delay(1500, Ct);
        await probe.StopAsync(Ct);

        var a = probe.Analysis!;
        var stall = a.LongestStall!;
        stall.Duration.Should().BeGreaterThan(TimeSpan.FromMilliseconds(1100)).And.BeLessThan(TimeSpan.FromSeconds(3));
        stall.FailedWrites.Should().Be(0, "the held write returned fine once the disk served again");
        stall.Recovered.Should().BeTrue();
        var reads = IoProbeLog.Parse(await File.ReadAllLinesAsync(probe.Artifacts.Single(p => p.EndsWith(IoProbeObserver.LogFile, StringComparison.Ordinal)), Ct)).Reads;
        var longestRead = TimeSpan.FromTicks(reads.Select(r => (r.CompleteNs - r.SubmitNs) / 100).DefaultIfEmpty().Max());
        (a.Latency.Max > longestRead ? a.Latency.Max : longestRead).Should().BeGreaterThan(TimeSpan.FromMilliseconds(1100),
            "one I/O was held for the whole stall: a write, or the read back of the slots ahead before it");
        var errorStall = a.Stalls(TimeSpan.FromMilliseconds(400)).Should().HaveCount(2).And.Subject.Last();
        errorStall.FailedWrites.Should().BeGreaterThan(10);

        var window = a.ErrorWindows.Should().ContainSingle().Which;
        window.Errors.Keys.Should().Equal("EIO");
        window.Count.Should().BeGreaterThan(10);
        window.Duration.Should().BeGreaterThan(TimeSpan.FromMilliseconds(300)).And.BeLessThan(TimeSpan.FromSeconds(2));

        probe.Readback!.Clean.Should().BeTrue(probe.Readback.CountsText);
        probe.Readback.SlotsChecked.Should().Be(RegionSize / Block, "the probe went round the region more than once");
        var events = run.History.Events.Where(e => e.Source == "io-probe").ToArray();
        events.Single(e => e.Kind == IoEventKinds.Errors).Data["errors"].Should().StartWith("EIO=");
        events.Single(e => e.Kind == IoEventKinds.Readback).Data["status"].Should().Be("clean");
        var summary = events.Single(e => e.Kind == IoEventKinds.Summary).Data;
        int.Parse(summary["before_ok"]).Should().BeGreaterThan(RegionSize / Block);
        int.Parse(summary["during_errors"]).Should().BeGreaterThan(10);
        int.Parse(summary["after_ok"]).Should().BeGreaterThan(RegionSize / Block);
        summary["probe_end"].Should().Be("signal:TERM", "closing the stream sends SIGTERM and the probe prints its summary");
        File.Exists(options.RemotePath).Should().BeTrue("the observer installed the probe where the options said");
        TestContext.Current.TestOutputHelper?.WriteLine(await File.ReadAllTextAsync(probe.Artifacts.Single(p => p.EndsWith(IoProbeObserver.ReportFile, StringComparison.Ordinal)), Ct));

        await PlantAndVerifyAsync(disk, probe, a.Writes, snapshot, snapshotFrom, snapshotTo);
    }

    /// <summary>
    /// Zeros into one slot (lost), the snapshot's block into another (stale), half snapshot and half current into a
    /// third (torn), one flipped byte into a fourth (bad checksum, torn); the read-back must name exactly these.
    /// </summary>
    private async Task PlantAndVerifyAsync(IFaultyDisk disk, IoProbeObserver probe, IReadOnlyList<IoWrite> writes, byte[] snapshot,
        DateTimeOffset snapshotFrom, DateTimeOffset snapshotTo)
    {
        var margin = TimeSpan.FromMilliseconds(30);
        var acked = writes.Where(w => w.Acknowledged).ToArray();
        var last = acked.GroupBy(w => w.Slot).ToDictionary(g => g.Key, g => g.MaxBy(w => w.Seq));
        // A slot whose snapshot block is an intact older write: written before the snapshot, not during it, again after it.
        var older = acked.GroupBy(w => w.Slot)
            .Where(g => !writes.Any(w => w.Slot == g.Key && w.Completed(TimeSpan.Zero) > snapshotFrom - margin && w.Submitted(TimeSpan.Zero) < snapshotTo + margin))
            .Where(g => g.Any(w => w.Completed(TimeSpan.Zero) < snapshotFrom - margin) && last[g.Key].Submitted(TimeSpan.Zero) > snapshotTo + margin)
            .Select(g => (Slot: g.Key, Seq: g.Where(w => w.Completed(TimeSpan.Zero) < snapshotFrom).Max(w => w.Seq)))
            .ToArray();
        older.Length.Should().BeGreaterThanOrEqualTo(2, "the probe rewrote slots it had written before the snapshot");
        var (staleSlot, staleSeq) = older[0];
        var (tornSlot, tornOldSeq) = older[1];
        var lostSlot = last.Keys.First(s => s != staleSlot && s != tornSlot);
        var badSlot = last.Keys.First(s => s != staleSlot && s != tornSlot && s != lostSlot);

        byte[] Snap(long slot) => snapshot.AsSpan((int)slot * Block, Block).ToArray();
        long At(long slot) => RegionOffset + slot * Block;
        disk.WriteBacking(At(lostSlot), new byte[Block]);
        disk.WriteBacking(At(staleSlot), Snap(staleSlot));
        var torn = disk.ReadBacking(At(tornSlot), Block);
        Snap(tornSlot).AsSpan(0, Block / 2).CopyTo(torn);
        disk.WriteBacking(At(tornSlot), torn);
        var bad = disk.ReadBacking(At(badSlot), Block);
        bad[1000] ^= 0xff;
        disk.WriteBacking(At(badSlot), bad);

        var verify = await HostCommand.RunCheckedAsync([Path.Combine(_dir, "sanchaos-ioprobe"), "verify", disk.Device, "--offset", $"{RegionOffset}",
            "--size", $"{RegionSize}", "--run", probe.ProbeRunId!, "--block", $"{Block}"], ct: Ct);
        var r = IoReadback.Classify(writes, IoProbeLog.Parse(verify.StandardOutput).Slots, TimeSpan.Zero);

        r.Findings.Select(f => (f.Slot, f.Kind, f.AcknowledgedSeq, f.FoundSeq)).Should().BeEquivalentTo(new[]
        {
            (lostSlot, IoReadbackKind.Lost, last[lostSlot].Seq, (long?)null),
            (staleSlot, IoReadbackKind.Stale, last[staleSlot].Seq, staleSeq),
            (tornSlot, IoReadbackKind.Torn, last[tornSlot].Seq, null),
            (badSlot, IoReadbackKind.Torn, last[badSlot].Seq, last[badSlot].Seq),
        });
        r.Findings.Single(f => f.Slot == tornSlot).SectorSeqs.Should().Equal(
            Enumerable.Repeat((long?)tornOldSeq, 4).Concat(Enumerable.Repeat((long?)last[tornSlot].Seq, 4)));
        r.Findings.Single(f => f.Slot == staleSlot).Submitted.Should().Be(last[staleSlot].Submitted(TimeSpan.Zero));
    }
}
