using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Session.Keeper;
using Xunit;

namespace SanChaos.Lab.Tests.Keeper;

/// <summary>The keeper's control socket, its record and the follower of `lab up --detach`, on a fake lab (no lab needed).</summary>
[Trait("Category", "unit")]
public sealed class KeeperProtocolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sanchaos-keeper-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private KeeperPaths Paths => new(Path.Combine(_dir, "run"));

    private static readonly LabInventory Lab = InventoryLoader.Load(Path.Combine(Core.Repository.Root(), "lab", "embedded.yaml"));

    private static KeeperDescription Described() => new(Environment.ProcessId, "run1", Lab.SourcePath, "abc", "sanchaos-run1", 101.5, 40.2, "plugged");

    [Fact]
    public void A_kept_lab_of_another_build_is_another_lab_to_a_drill_run()
    {
        var other = Lab with { Sut = Lab.Sut.WithBuild("kernel=6.1", "$SANCHAOS_BUILD") };
        AttachedLab.Digest(other).Should().NotBe(AttachedLab.Digest(Lab));
        AttachedLab.Digest(Lab with { Sut = Lab.Sut.WithBuild("7.2-seccomp/bookworm/lio", "$SANCHAOS_BUILD") }).Should().Be(AttachedLab.Digest(Lab));
    }

    [Fact]
    public async Task Requests_reach_the_kept_lab_and_answers_come_back_in_order()
    {
        var lab = new FakeKeptLab(Lab);
        await using var server = KeeperServer.Start(lab, Paths, Described);
        using var client = KeeperClient.Connect(Paths);
        var ct = TestContext.Current.CancellationToken;

        (await client.SendAsync(new KeeperRequest { Op = KeeperOps.Describe }, ct)).Description.Should().Be(Described());
        await client.SendAsync(new KeeperRequest { Op = KeeperOps.Cut, Node = "otter", Nic = "eth1" }, ct);
        client.Send(new KeeperRequest { Op = KeeperOps.IsCut, Node = "otter", Nic = "eth1" }).Flag.Should().BeTrue();
        await client.SendAsync(new KeeperRequest { Op = KeeperOps.SerialPull }, ct);
        client.Send(new KeeperRequest { Op = KeeperOps.SerialPlugged }).Flag.Should().BeFalse();
        await client.SendAsync(new KeeperRequest { Op = KeeperOps.Degrade, Node = "otter", Nic = "eth1", DelayMs = 20, LossPercent = 1 }, ct);
        client.Send(new KeeperRequest { Op = KeeperOps.PduAddress, Pdu = Lab.Pdus[0].Name }).Value.Should().Be("http://127.0.0.1:9999");

        lab.Calls.Should().Equal("cut otter eth1", "pull", "degrade otter eth1 20 ms 0 ms 1 %");
        File.GetUnixFileMode(Paths.Socket).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "only root may drive the lab");
        server.DownRequested.IsCancellationRequested.Should().BeFalse();
        await client.SendAsync(new KeeperRequest { Op = KeeperOps.Down }, ct);
        server.DownRequested.IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public async Task The_serial_relays_counters_reach_a_drill_process_whole()
    {
        var counters = new Labs.Serial.SerialRelayCounters("otter", "weasel",
            new Labs.Serial.SerialDirectionCounters(5000, 20, 300, 3488, 16, 204), new Labs.Serial.SerialDirectionCounters(4800, 21, 0, 0, 0, 0)) { Baud = 9600 };
        var described = Described() with { SerialCounters = counters };
        await using var server = KeeperServer.Start(new FakeKeptLab(Lab), Paths, () => described);
        using var client = KeeperClient.Connect(Paths);

        var answer = (await client.SendAsync(new KeeperRequest { Op = KeeperOps.Describe }, TestContext.Current.CancellationToken)).Description!;
        answer.SerialCounters.Should().Be(counters);
        answer.SerialCounters!.Baud.Should().Be(9600);
    }

    [Fact]
    public async Task A_failure_in_the_keeper_comes_back_as_its_problem_and_remedy_and_the_connection_goes_on()
    {
        var lab = new FakeKeptLab(Lab) { CutFails = true };
        await using var server = KeeperServer.Start(lab, Paths, Described);
        using var client = KeeperClient.Connect(Paths);

        var cut = () => client.SendAsync(new KeeperRequest { Op = KeeperOps.Cut, Node = "otter", Nic = "eth9" });
        (await cut.Should().ThrowAsync<SanChaosException>()).Which.Remedy.Should().Be("use eth0-eth3");
        var unknown = () => client.SendAsync(new KeeperRequest { Op = "explode" });
        (await unknown.Should().ThrowAsync<SanChaosException>()).Which.Problem.Should().Contain("does not know the operation 'explode'");
        client.Send(new KeeperRequest { Op = KeeperOps.SerialPlugged }).Flag.Should().BeTrue("the connection serves on after errors");
    }

    [Fact]
    public void Without_a_keeper_connecting_says_how_to_start_one_and_attaching_finds_none()
    {
        var e = FluentActions.Invoking(() => KeeperClient.Connect(Paths)).Should().Throw<SanChaosException>().Which;
        e.Remedy.Should().Contain("sanchaos lab up --detach");
        AttachedLab.TryAttach(Lab, Paths).Should().BeNull();
    }

    [Fact]
    public void A_record_of_a_dead_keeper_is_not_alive_and_a_live_keeper_still_starting_refuses_to_be_attached()
    {
        var dead = LabKeeper.Starting(Paths, Lab) with { Pid = 999_999_999 };
        dead.Write(Paths);
        KeeperRecord.Read(Paths)!.Alive.Should().BeFalse();
        AttachedLab.TryAttach(Lab, Paths).Should().BeNull("a dead keeper's lab is reaped, not used");

        LabKeeper.Starting(Paths, Lab).Write(Paths);
        var read = KeeperRecord.Read(Paths)!;
        read.Alive.Should().BeTrue();
        read.InventoryDigest.Should().Be(AttachedLab.Digest(Lab));
        read.Build.Should().Be("7.2-seccomp/bookworm/lio");
        FluentActions.Invoking(() => AttachedLab.TryAttach(Lab, Paths)).Should().Throw<SanChaosException>().WithMessage("*is starting*");
    }

    [Fact]
    public async Task Following_a_keeper_copies_its_log_until_it_is_up_and_reports_a_failed_one_with_its_error()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        Paths.EnsureDirectory();
        File.WriteAllText(Paths.Log, "[   0.1s] image\n[  12.6s] ssh: otter up\n");
        (LabKeeper.Starting(Paths, Lab) with { Phase = "up" }).Write(Paths);
        var output = new StringWriter();

        var up = await LabKeeper.FollowUntilUpAsync(Paths, since, output, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        up.Phase.Should().Be("up");
        output.ToString().Should().Be("[   0.1s] image\n[  12.6s] ssh: otter up\n");

        (LabKeeper.Starting(Paths, Lab) with { Phase = "failed", Error = "otter did not boot" }).Write(Paths);
        var failed = () => LabKeeper.FollowUntilUpAsync(Paths, since, new StringWriter(), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        (await failed.Should().ThrowAsync<SanChaosException>()).Which.Problem.Should().Contain("could not bring the lab up: otter did not boot");
    }

    private sealed class FakeKeptLab(LabInventory inventory) : IKeptLab
    {
        private readonly HashSet<string> _cut = [];

        public List<string> Calls { get; } = [];

        public bool CutFails { get; init; }

        public LabInventory Inventory { get; } = inventory;

        public IReadOnlyDictionary<string, INode> Nodes { get; } = new Dictionary<string, INode>();

        public bool IsPlugged { get; private set; } = true;

        public Task UpAsync(CancellationToken ct = default) => Task.CompletedTask;

        public Task DownAsync(CancellationToken ct = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public string AddressOf(PduSpec pdu) => "http://127.0.0.1:9999";

        public Task CutAsync(string node, string nic, CancellationToken ct = default)
        {
            if (CutFails) throw new SanChaosException($"{node} has no {nic}.", "use eth0-eth3");
            Calls.Add($"cut {node} {nic}");
            _cut.Add($"{node}/{nic}");
            return Task.CompletedTask;
        }

        public Task RestoreAsync(string node, string nic, CancellationToken ct = default)
        {
            Calls.Add($"restore {node} {nic}");
            _cut.Remove($"{node}/{nic}");
            return Task.CompletedTask;
        }

        public bool IsCut(string node, string nic) => _cut.Contains($"{node}/{nic}");

        public Task PullAsync(CancellationToken ct = default)
        {
            Calls.Add("pull");
            IsPlugged = false;
            return Task.CompletedTask;
        }

        public Task PlugAsync(CancellationToken ct = default)
        {
            Calls.Add("plug");
            IsPlugged = true;
            return Task.CompletedTask;
        }

        public Task DegradeAsync(string node, string nic, LinkDegradation degradation, CancellationToken ct = default)
        {
            Calls.Add($"degrade {node} {nic} {degradation.Delay.TotalMilliseconds} ms {degradation.Jitter.TotalMilliseconds} ms {degradation.LossPercent} %");
            return Task.CompletedTask;
        }

        public Task CleanAsync(string node, string nic, CancellationToken ct = default)
        {
            Calls.Add($"clean {node} {nic}");
            return Task.CompletedTask;
        }
    }
}
