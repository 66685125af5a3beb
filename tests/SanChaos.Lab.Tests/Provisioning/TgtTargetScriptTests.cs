using FluentAssertions;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Provisioning;
using Xunit;

namespace SanChaos.Lab.Tests.Provisioning;

/// <summary>The tgt-target Heartbeat resource script against stand-ins for systemctl, tgtadm and tgt-admin (<see cref="TgtScript"/>).</summary>
[Trait("Category", "unit")]
public sealed class TgtTargetScriptTests
{
    private const string Iqn = "iqn.2009-02.com.example:test";

    private static readonly RenderedSut Rendered = new SutRenderer().Render(TestFiles.EmbeddedWith("implementation: lio", "implementation: tgt"));

    private static TgtScript Make(string backing = "/dev/storage/test") => new(
        Rendered.File("otter", "/etc/ha.d/resource.d/tgt-target").Content,
        Rendered.File("otter", "/etc/tgt/conf.d/sanchaos.conf").Content.Replace("/dev/storage/test", backing, StringComparison.Ordinal));

    /// <summary>A block device to stand in for the LVM volume; skips the test on a machine without one.</summary>
    private static string Block()
    {
        var block = TestShell.AnyBlockDevice();
        if (block is null) Assert.Skip("no block device in /dev to stand in for the LVM volume");
        return block;
    }

    [Fact]
    public void Status_and_stop_work_without_tgtd()
    {
        using var s = Make();
        s.Run("status", Iqn, "/dev/storage/test").Should().Be((3, "stopped"));
        s.Run("monitor", Iqn, "/dev/storage/test").Should().Be((3, "stopped"));
        s.Run("stop", Iqn, "/dev/storage/test").Should().Be((0, "tgt-target: stopped"), "stop is idempotent");
        s.Calls.Should().Contain("systemctl stop tgt");
        s.Run("bogus", Iqn, "/dev/storage/test").ExitCode.Should().Be(2);
    }

    [Fact]
    public void Start_refuses_a_missing_volume()
    {
        using var s = Make();
        s.Run("start", Iqn, "/dev/storage/test").Should().Be((1, "tgt-target: backing device /dev/storage/test is missing (is the volume group active?)"));
        s.Calls.Should().NotContain("systemctl start tgt");
    }

    [Fact]
    public void Start_runs_tgtd_through_its_unit_marks_the_target_and_stop_takes_it_down()
    {
        var block = Block();
        using var s = Make(block);
        s.Run("start", Iqn, block).Should().Be((0, $"tgt-target: {Iqn} exported from {block}"));
        s.Calls.Should().Equal($"tgtadm --lld iscsi --mode target --op show", "systemctl is-active --quiet tgt", "systemctl start tgt",
            "tgtadm --lld iscsi --mode target --op show");
        File.Exists(s.State).Should().BeTrue("the observers' sampler reads the marker");
        s.Run("status", Iqn, block).Should().Be((0, "running"));
        s.Run("start", Iqn, block).Should().Be((0, "tgt-target: already running"));

        s.Run("stop", Iqn, block).Should().Be((0, "tgt-target: stopped"));
        File.Exists(s.State).Should().BeFalse();
        s.Run("status", Iqn, block).Should().Be((3, "stopped"));
    }

    [Fact]
    public void A_tgtd_started_at_boot_without_the_target_is_restarted_from_the_configuration()
    {
        var block = Block();
        using var s = Make(block);
        s.StartedAtBoot();
        s.Run("start", Iqn, block).ExitCode.Should().Be(0);
        s.Calls.Should().ContainInOrder("systemctl is-active --quiet tgt", "systemctl stop tgt", "systemctl start tgt");
    }

    [Fact]
    public void A_unit_that_loads_nothing_is_followed_by_tgt_admin_with_the_configuration()
    {
        var block = Block();
        using var s = Make(block);
        s.UnitLoadsNothing = true;
        s.Run("start", Iqn, block).ExitCode.Should().Be(0);
        s.Calls.Should().ContainInOrder("systemctl start tgt", $"tgt-admin -e -c {s.Conf}");
    }

    [Fact]
    public void Stop_ends_a_tgtd_its_unit_did_not_start()
    {
        using var s = Make();
        s.StartedByHand();
        s.Run("stop", Iqn, "/dev/storage/test").Should().Be((0, "tgt-target: stopped"));
        s.Calls.Should().ContainInOrder("systemctl stop tgt", "tgt-admin --update ALL -c /dev/null -f", "tgtadm --op delete --mode system");
    }
}
