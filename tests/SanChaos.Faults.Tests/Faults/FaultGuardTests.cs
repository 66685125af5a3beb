using System.Collections.Concurrent;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Faults.Tests.Faults.Fakes;
using SanChaos.Inventory.Model;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

public sealed class FaultGuardTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly RunContext _run = new("run1", new SteppingTime());

    public void Dispose() => _dir.Dispose();

    private LabInventory Inventory(bool disposable = true) => TestInventory.Load(_dir.File("pdu.secret", "x"), disposable, name: "rack2", kind: "hardware", pduAddress: "10.0.9.9:161");

    private FaultSet NewSet(LabInventory inventory, bool dryRun = false, Action<string>? output = null) =>
        new(_run, inventory, new FaultSetOptions { DryRun = dryRun, Output = output ?? (_ => { }) });

    [Fact]
    public async Task A_lab_not_marked_disposable_is_refused_naming_the_file_and_the_flag()
    {
        var inventory = Inventory(disposable: false);
        var faults = NewSet(inventory);
        var f = new FakeFault("power off otter", _log);

        var act = () => faults.InjectAsync(f, TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultRefusedException>()).Which;
        e.Problem.Should().Contain("rack2").And.Contain(inventory.SourcePath).And.Contain("not marked disposable");
        e.Remedy.Should().Contain("disposable: true").And.Contain("lab:").And.Contain(inventory.SourcePath);
        _log.Should().BeEmpty("nothing was injected");
        _run.History.Events.Should().ContainSingle().Which.Kind.Should().Be(FaultEventKinds.Refused);
    }

    public static TheoryData<string, string> UndeclaredTargets => new()
    {
        { "node", "node otter2: no such node (declared: otter, weasel, badger)" },
        { "switch", "switch switch-c: no such switch (declared: mgmt-switch, switch-a, switch-b)" },
        { "outlet", "outlet 9 (otter) of PDU pdu1: PDU pdu1 (declared at" },
        { "outlet-of-another", "outlet 2 (otter) of PDU pdu1: outlet 2 of PDU pdu1 feeds 'weasel', not 'otter'" },
        { "pdu", "outlet 1 (otter) of PDU pdu9: no such PDU (declared: pdu1)" },
        { "interface", "interface otter eth7: otter (declared at" },
        { "serial", "serial cable otter–badger: the serial cable joins otter and weasel" },
    };

    [Theory]
    [MemberData(nameof(UndeclaredTargets))]
    public async Task A_fault_touching_what_the_inventory_does_not_declare_is_refused(string what, string expected)
    {
        var target = what switch
        {
            "node" => FaultTarget.Node("otter2"),
            "switch" => FaultTarget.Switch("switch-c"),
            "outlet" => FaultTarget.PduOutlet("pdu1", 9, "otter"),
            "outlet-of-another" => FaultTarget.PduOutlet("pdu1", 2, "otter"),
            "pdu" => FaultTarget.PduOutlet("pdu9", 1, "otter"),
            "interface" => FaultTarget.Interface("otter", "eth7"),
            _ => FaultTarget.SerialCable("otter", "badger"),
        };
        var faults = NewSet(Inventory());
        var f = new FakeFault("some fault", _log, targets: [FaultTarget.Node("otter"), target]);

        var act = () => faults.InjectAsync(f, TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultRefusedException>()).Which;
        e.Problem.Should().Contain(expected).And.Contain("does not declare");
        e.Problem.Should().NotContain("- node otter:", "declared targets are not listed");
        e.Remedy.Should().Contain("rack2.yaml");
        _log.Should().BeEmpty();
    }

    [Fact]
    public void Declared_targets_pass()
    {
        FaultGuard.Undeclared(Inventory(), [
            FaultTarget.Node("badger"), FaultTarget.Switch("switch-a"), FaultTarget.PduOutlet("pdu1", 7, "otter"),
            FaultTarget.Interface("weasel", "eth1"), FaultTarget.SerialCable("weasel", "otter"),
        ]).Should().BeEmpty();
    }

    [Fact]
    public async Task A_dry_run_does_nothing_and_prints_and_records_each_action_with_its_target()
    {
        var lines = new List<string>();
        var faults = NewSet(Inventory(), dryRun: true, output: lines.Add);
        var f = new FakeFault("cut otter eth1", _log, targets: FaultTarget.Interface("otter", "eth1"));

        await faults.InjectAsync(f, TestContext.Current.CancellationToken);
        faults.Active.Should().Equal(f);
        await faults.DisposeAsync();

        _log.Should().BeEmpty("a dry run does nothing");
        faults.IsDryRun.Should().BeTrue();
        lines.Should().Equal(
            "DRY RUN: would inject 'cut otter eth1' on interface otter eth1",
            "DRY RUN: would heal 'cut otter eth1' on interface otter eth1");
        var dry = _run.History.Events.Where(e => e.Kind == FaultEventKinds.DryRun).ToArray();
        dry.Select(e => e.Message).Should().Equal(lines);
        dry.Should().OnlyContain(e => e.Data["targets"] == "interface otter eth1" && e.Data["dry_run"] == "true");
        _run.History.Events.Select(e => e.Kind).Should().ContainInOrder(EventKinds.FaultInjecting, EventKinds.FaultInjected, EventKinds.FaultHealed);
    }

    [Fact]
    public async Task A_dry_run_still_applies_the_interlocks()
    {
        var faults = NewSet(Inventory(disposable: false), dryRun: true);

        var act = () => faults.InjectAsync(new FakeFault("power off otter", _log), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<FaultRefusedException>();
    }
}
