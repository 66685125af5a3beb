using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Labs.Remote;
using SanChaos.Observers.IoProbe;
using Xunit;

namespace SanChaos.Observers.Tests.IoProbe.Host;

/// <summary>The probe program itself on regular files of this machine (<c>--allow-file</c>): what it refuses, what it writes.</summary>
[Trait("Category", "unit")]
public sealed class IoProbeProgramTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine("/tmp", "sanchaos-test-" + Guid.NewGuid().ToString("N")[..8]);
    private string _probe = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Disk => Path.Combine(_dir, "disk.img");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _probe = (await IoProbeCompiler.BuildAsync(Path.Combine(_dir, "cache"), Ct)).Path;
        await File.WriteAllBytesAsync(Disk, Enumerable.Repeat((byte)0xAA, 64 << 10).ToArray(), Ct);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Task<CommandResult> Probe(params string[] args) => HostCommand.RunAsync([_probe, .. args], ct: Ct);

    /// <summary>The output of a run that must succeed (<paramref name="run"/>: the probe's command).</summary>
    private static async Task<IoProbeLog> Succeeded(Task<CommandResult> run)
    {
        var r = await run;
        r.ExitCode.Should().Be(0, r.StandardError);
        return IoProbeLog.Parse(r.StandardOutput);
    }

    [Theory]
    [InlineData("write {disk} --offset 0 --size 8192 --run t", "is not a block device (give --allow-file to use a regular file)")]
    [InlineData("write {disk} --offset 1000 --size 8192 --run t --allow-file", "region offset 1000 size 8192 is not aligned to the block size 4096")]
    [InlineData("write {disk} --offset 0 --size 6000 --run t --allow-file", "is not aligned to the block size")]
    [InlineData("write {disk} --offset 60K --size 8K --run t --allow-file", "region [61440, 69632) lies beyond the end of")]
    [InlineData("verify {disk} --offset 64K --size 4K --run t --allow-file", "lies beyond the end of")]
    [InlineData("write {disk} --offset 0 --size 8K --run 12345678901234567 --allow-file", "--run \"12345678901234567\": 1 to 16 characters")]
    [InlineData("write {disk} --offset 0 --size 8K --run a/b --allow-file", "only letters, digits")]
    [InlineData("write {disk} --offset 0 --size 8K --allow-file", "--offset, --size and --run are required")]
    [InlineData("write {disk} --offset 0 --size 8K --run t --block 1000 --allow-file", "--block 1000: a multiple of 512")]
    [InlineData("verify {disk} --offset 0 --size 8K --run t --pause-ms 3 --allow-file", "unknown option or missing value: --pause-ms (mode verify)")]
    [InlineData("erase {disk} --offset 0 --size 8K --run t", "unknown mode \"erase\"")]
    public async Task Refuses_with_exit_code_2_and_says_why(string args, string message)
    {
        var r = await Probe(args.Replace("{disk}", Disk, StringComparison.Ordinal).Split(' '));

        r.ExitCode.Should().Be(2);
        r.StandardOutput.Should().BeEmpty();
        r.StandardError.Should().Contain(message);
        (await File.ReadAllBytesAsync(Disk, Ct)).Should().OnlyContain(b => b == 0xAA, "nothing was written");
    }

    [Fact]
    public async Task Writes_only_inside_its_region_and_verify_reads_back_what_it_wrote()
    {
        var log = await Succeeded(Probe("write", Disk, "--offset", "16K", "--size", "8K", "--run", "prog-1", "--pause-ms", "0", "--duration-s", "1", "--allow-file"));

        log.Header.Should().Contain(new Dictionary<string, string> { ["mode"] = "write", ["offset"] = "16384", ["size"] = "8192", ["slots"] = "2" });
        log.Writes.Should().HaveCountGreaterThan(10).And.OnlyContain(x => x.Acknowledged && x.Slot == (x.Seq - 1) % 2);
        log.Reads.Should().OnlyContain(r => r.Purpose == IoReadPurpose.Reuse, "the 2 slots go round faster than a sample's 1 s");
        log.Summary!["end"].Should().Be("duration");
        log.Summary["writes"].Should().Be(log.Writes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var bytes = await File.ReadAllBytesAsync(Disk, Ct);
        bytes.Take(16 << 10).Concat(bytes.Skip(24 << 10)).Should().OnlyContain(b => b == 0xAA, "nothing outside [16K, 24K) changed");

        var v = IoProbeLog.Parse((await Probe("verify", Disk, "--offset", "16K", "--size", "16K", "--run", "prog-1", "--allow-file")).StandardOutput);
        v.Slots.Select(s => (s.Slot, s.Status, s.Seq)).Should().Equal(
            (0, IoVerifyStatus.Ok, log.Writes.Last(x => x.Slot == 0).Seq),
            (1, IoVerifyStatus.Ok, log.Writes.Last(x => x.Slot == 1).Seq),
            (2, IoVerifyStatus.Foreign, null),
            (3, IoVerifyStatus.Foreign, null));
        IoProbeLog.Parse((await Probe("verify", Disk, "--offset", "16K", "--size", "8K", "--run", "prog-2", "--allow-file")).StandardOutput)
            .Slots.Should().OnlyContain(s => s.Status == IoVerifyStatus.Foreign, "blocks of another run are not this run's");

        var r = IoReadback.Classify(log.Writes, log.Reads, v.Slots, TimeSpan.Zero);
        r.Clean.Should().BeTrue(r.CountsText);
        r.ReadBack.Should().Be(log.Writes.Count, "every write was read back: before its slot was written again, or at the end");
        r.ReadsDuringRun.Should().BeGreaterThanOrEqualTo(log.Writes.Count - 2);
    }

    [Fact]
    public async Task With_size_end_the_region_reaches_the_end_of_the_device()
    {
        var log = await Succeeded(Probe("write", Disk, "--offset", "16K", "--size", "end", "--run", "prog-3", "--pause-ms", "20", "--duration-s", "1", "--allow-file"));

        log.Header.Should().Contain(new Dictionary<string, string> { ["version"] = "2", ["size"] = "49152", ["slots"] = "12", ["sample_every"] = "32" });
        log.Writes.Should().NotBeEmpty().And.OnlyContain(x => x.Slot == (x.Seq - 1) % 12);
        (await Probe("write", Disk, "--offset", "64K", "--size", "end", "--run", "t", "--allow-file")).StandardError.Should().Contain("--size end: the region is empty");
    }

    [Fact]
    public async Task A_region_that_goes_back_in_time_is_seen_by_the_reads_during_the_run_though_verify_finds_it_intact()
    {
        // What a survivor without the last writes serves after a takeover: while the probe goes round 256 slots (1.3 to
        // 2.5 s a lap), the region is copied and, 1.5 s later, the copy is written back over it; the probe goes on for
        // 4 s, more than a lap. The same procedure recorded Checkers.Tests/Fixtures/io-probe-rollback (with 3 s after).
        const int size = 1 << 20;
        var disk = Path.Combine(_dir, "rollback.img");
        await File.WriteAllBytesAsync(disk, new byte[2 << 20], Ct);
        var writer = Probe("write", disk, "--offset", "1M", "--size", "1M", "--run", "prog-4", "--pause-ms", "5", "--sample-every", "8",
            "--duration-s", "7", "--dsync", "--allow-file");
        await Task.Delay(1500, Ct);
        var copy = new byte[size];
        using (var file = File.OpenHandle(disk, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.Read(file, copy, 1 << 20);
            await Task.Delay(1500, Ct);
            RandomAccess.Write(file, copy, 1 << 20);
            RandomAccess.FlushToDisk(file);
        }

        var log = await Succeeded(writer);
        var v = await Succeeded(Probe("verify", disk, "--offset", "1M", "--size", "1M", "--run", "prog-4", "--allow-file"));

        IoReadback.Classify(log.Writes, v.Slots, TimeSpan.Zero).Findings.Should().BeEmpty("every slot was written again after the copy came back");
        var r = IoReadback.Classify(log.Writes, log.Reads, v.Slots, TimeSpan.Zero);
        r.Findings.Should().NotBeEmpty(r.CountsText)
            .And.OnlyContain(f => f.Purpose != IoReadPurpose.Final && (f.Kind == IoReadbackKind.Stale && f.FoundSeq < f.AcknowledgedSeq
                                                                        || f.Kind == IoReadbackKind.Lost && f.Detail.EndsWith("found zeros", StringComparison.Ordinal)),
                "the copy holds older writes, and zeros where the first lap had not come yet");
        r.Findings.Select(f => f.Purpose).Distinct().Should().BeEquivalentTo([IoReadPurpose.Sample, IoReadPurpose.Reuse],
            "a sample soon after the copy came back and the reads before reuse in the next lap both found older writes");
        r.Unverified.Should().BeEmpty();
    }

    [Fact]
    public async Task Ends_at_the_end_of_its_input_with_stdin_stop()
    {
        var r = await Probe("write", Disk, "--offset", "0", "--size", "4K", "--run", "t", "--pause-ms", "50", "--stdin-stop", "--allow-file");

        var log = IoProbeLog.Parse(r.StandardOutput);
        r.ExitCode.Should().Be(0);
        log.Writes.Should().ContainSingle("its input was empty: it ends after the first pause");
        log.Summary!["end"].Should().Be("stdin-eof");
    }
}
