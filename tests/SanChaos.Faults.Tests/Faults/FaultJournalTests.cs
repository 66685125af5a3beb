using System.Collections.Concurrent;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

public sealed class FaultJournalTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose() => _dir.Dispose();

    private string JournalPath => Path.Combine(_dir.Path, "run", "faults.json");

    private FaultSet NewSet(RunContext run, FaultJournal journal) =>
        new(run, TestInventory.Load(_dir.File("pdu.secret", "x")), new FaultSetOptions { Journal = journal, DryRun = false, Output = _ => { } });

    private static FaultDescriptor Descriptor(string kind, params (string, string)[] p) =>
        new(kind, p.ToDictionary(x => x.Item1, x => x.Item2));

    [Fact]
    public async Task The_journal_lists_a_fault_before_it_is_injected_and_forgets_it_after_the_heal()
    {
        var journal = new FaultJournal(JournalPath);
        var faults = NewSet(new RunContext("run1"), journal);
        var f = new FakeFault("power off otter", _log, Descriptor(FaultKinds.PowerOffNode, ("node", "otter")));
        IReadOnlyList<FaultJournalEntry>? duringInjection = null;
        f.OnInject = _ =>
        {
            duringInjection = new FaultJournal(JournalPath).Read();
            return Task.CompletedTask;
        };

        await faults.InjectAsync(f, TestContext.Current.CancellationToken);

        var entry = duringInjection.Should().ContainSingle().Which;
        entry.RunId.Should().Be("run1");
        entry.Name.Should().Be("power off otter");
        entry.ProcessId.Should().Be(Environment.ProcessId);
        entry.Descriptor.Should().Be(Descriptor(FaultKinds.PowerOffNode, ("node", "otter")));
        File.ReadAllText(JournalPath).Should().Contain("\"kind\": \"power-off-node\"").And.Contain("\"node\": \"otter\"");

        await faults.HealAsync(f, TestContext.Current.CancellationToken);

        journal.Read().Should().BeEmpty();
        File.Exists(JournalPath).Should().BeFalse("an empty journal is removed");
    }

    [Fact]
    public async Task A_parameter_learnt_while_injecting_is_journaled()
    {
        var journal = new FaultJournal(JournalPath);
        var faults = NewSet(new RunContext("run1"), journal);
        var f = new FakeFault("kill the primary", _log, Descriptor(FaultKinds.KillPrimary))
        {
            LearntDescriptor = Descriptor(FaultKinds.KillPrimary, ("node", "weasel")),
        };

        await faults.InjectAsync(f, TestContext.Current.CancellationToken);

        journal.Read().Should().ContainSingle().Which.Descriptor.Should().Be(Descriptor(FaultKinds.KillPrimary, ("node", "weasel")));
        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        journal.Read().Should().BeEmpty();
    }

    [Fact]
    public async Task Faults_a_killed_run_left_behind_are_healed_by_a_later_process_newest_first()
    {
        // Run 1 injects two faults and is "killed": its FaultSet is never disposed.
        var killedRun = NewSet(new RunContext("dead0001"), new FaultJournal(JournalPath));
        await killedRun.InjectAsync(new FakeFault("power off otter", _log, Descriptor(FaultKinds.PowerOffNode, ("node", "otter"))), TestContext.Current.CancellationToken);
        await killedRun.InjectAsync(new FakeFault("cut otter eth1", _log, Descriptor(FaultKinds.CutCable, ("node", "otter"), ("nic", "eth1"))), TestContext.Current.CancellationToken);

        // A later process (`lab down` or the next run) knows only the journal file.
        var rebuilt = new List<FakeFault>();
        var history = new RunHistory(new SteppingTime());
        var journal = new FaultJournal(JournalPath);
        var healed = await journal.HealLeftoversAsync(d =>
        {
            var f = new FakeFault($"rebuilt {d}", _log, d);
            rebuilt.Add(f);
            return f;
        }, history, new FaultSetOptions { DryRun = false });

        healed.Select(e => e.Name).Should().Equal("cut otter eth1", "power off otter");
        _log.Where(l => l.StartsWith("heal", StringComparison.Ordinal)).Should().Equal(
            "heal rebuilt cut-cable(nic=eth1, node=otter)", "heal rebuilt power-off-node(node=otter)");
        journal.Read().Should().BeEmpty();
        File.Exists(JournalPath).Should().BeFalse();
        history.Events.Where(e => e.Kind == EventKinds.FaultHealed).Should().HaveCount(2)
            .And.OnlyContain(e => e.Data["leftover_of_run"] == "dead0001");
    }

    [Fact]
    public async Task A_leftover_blocks_injecting_the_same_fault_again_until_it_is_healed()
    {
        var killedRun = NewSet(new RunContext("dead0001"), new FaultJournal(JournalPath));
        await killedRun.InjectAsync(new FakeFault("kill the primary", _log, Descriptor(FaultKinds.KillPrimary))
        {
            LearntDescriptor = Descriptor(FaultKinds.KillPrimary, ("node", "weasel")),
        }, TestContext.Current.CancellationToken);

        var next = NewSet(new RunContext("next0002"), new FaultJournal(JournalPath));
        var again = new FakeFault("kill the primary", _log, Descriptor(FaultKinds.KillPrimary));
        var act = () => next.InjectAsync(again, TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultRefusedException>()).Which;
        e.Problem.Should().Contain("run dead0001").And.Contain(JournalPath);
        e.Remedy.Should().Contain("sanchaos lab down").And.Contain("HealLeftoversAsync");
        again.Injected.Should().BeFalse();

        await new FaultJournal(JournalPath).HealLeftoversAsync(d => new FakeFault("rebuilt", _log, d), options: new FaultSetOptions { DryRun = false });
        await next.InjectAsync(again, TestContext.Current.CancellationToken);
        next.IsActive(again).Should().BeTrue();
    }

    [Fact]
    public async Task A_leftover_that_cannot_be_rebuilt_or_healed_stays_listed_and_the_others_are_healed()
    {
        var journal = new FaultJournal(JournalPath);
        journal.Add("old", "melt the rack", Descriptor("melt-rack"), DateTimeOffset.UnixEpoch);
        journal.Add("old", "cut otter eth1", Descriptor(FaultKinds.CutCable, ("node", "otter"), ("nic", "eth1")), DateTimeOffset.UnixEpoch);
        journal.Add("old", "power off otter", Descriptor(FaultKinds.PowerOffNode, ("node", "otter")), DateTimeOffset.UnixEpoch);

        var act = () => journal.HealLeftoversAsync(d => d.Kind switch
        {
            "melt-rack" => throw new SanChaosException("unknown kind 'melt-rack'"),
            FaultKinds.PowerOffNode => new FakeFault("power off otter", _log, d) { OnHeal = _ => throw new SanChaosException("PDU pdu1 unreachable") },
            _ => new FakeFault("cut otter eth1", _log, d),
        }, options: new FaultSetOptions { DryRun = false });

        var e = (await act.Should().ThrowAsync<FaultHealException>()).Which;
        e.Failures.Select(f => f.FaultName).Should().Equal("power off otter", "melt the rack");
        e.Problem.Should().Contain("cannot be rebuilt").And.Contain("PDU pdu1 unreachable");
        e.Remedy.Should().Contain(JournalPath);
        journal.Read().Select(x => x.Name).Should().Equal("melt the rack", "power off otter");
    }

    [Fact]
    public async Task A_dry_run_heals_no_leftover_and_keeps_the_journal()
    {
        var journal = new FaultJournal(JournalPath);
        journal.Add("old", "power off otter", Descriptor(FaultKinds.PowerOffNode, ("node", "otter")), DateTimeOffset.UnixEpoch);
        var lines = new List<string>();

        var healed = await journal.HealLeftoversAsync(d => new FakeFault("power off otter", _log, d), options: new FaultSetOptions { DryRun = true, Output = lines.Add });

        healed.Should().BeEmpty();
        _log.Should().BeEmpty();
        lines.Should().ContainSingle().Which.Should().StartWith("DRY RUN: would heal 'power off otter'").And.EndWith("(leftover of run old)");
        journal.Read().Should().HaveCount(1);
    }

    [Fact]
    public void A_damaged_journal_says_what_to_check_and_delete()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        File.WriteAllText(JournalPath, "{ \"faults\": [ {\"id\": ");

        var act = () => new FaultJournal(JournalPath).Read();

        var e = act.Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Contain(JournalPath).And.Contain("not valid");
        e.Remedy.Should().Contain("delete the file");
    }

    [Fact]
    public void Descriptors_survive_a_round_trip_and_compare_by_value()
    {
        var d = Descriptor(FaultKinds.DegradeLink, ("node", "otter"), ("nic", "eth2"), ("delay_ms", "200"), ("loss_percent", "5"), ("jitter_ms", "0"));
        var journal = new FaultJournal(JournalPath);

        journal.Add("r", "degrade otter eth2", d, DateTimeOffset.UnixEpoch);

        var back = new FaultJournal(JournalPath).Read().Single().Descriptor;
        back.Should().Be(d);
        back.GetHashCode().Should().Be(d.GetHashCode());
        back.ToString().Should().Be("degrade-link(delay_ms=200, jitter_ms=0, loss_percent=5, nic=eth2, node=otter)");
        back.Should().NotBe(d.With("loss_percent", "6"));
        new FaultDescriptor(FaultKinds.KillPrimary).Should().NotBe(new FaultDescriptor(FaultKinds.KillPrimary).With("node", "weasel"));
    }
}
