using FluentAssertions;
using SanChaos.Labs.Provisioning;
using SanChaos.Observers.Timeline;
using Xunit;

namespace SanChaos.Observers.Tests.Timeline;

/// <summary>The timeline rules of lab/sut/commands.yaml on lines recorded on the embedded lab (Fixtures/README.md).</summary>
[Trait("Category", "unit")]
public sealed class TimelineInterpreterTests
{
    private static readonly string[] Floating = ["192.168.1.1", "192.168.2.1"];

    private static IReadOnlyList<TimelineEvent> Interpret(string node)
    {
        var interpreter = new TimelineInterpreter(node, TimelineRules.From(CommandCatalog.Default), Floating);
        return File.ReadLines(Path.Combine("Fixtures", "kill-primary", $"timeline-{node}.log"))
            .Select(NodeLine.Parse).Where(l => l is not null)
            .SelectMany(l => interpreter.Interpret(l!.Value)).ToArray();
    }

    private static DateTimeOffset PowerOff() =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(decimal.Parse(File.ReadAllText(Path.Combine("Fixtures", "kill-primary", "times.txt")).Split(' ')[1],
            System.Globalization.CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));

    private static TimelineEvent First(IReadOnlyList<TimelineEvent> events, string kind, Func<TimelineEvent, bool>? where = null) =>
        events.First(e => e.Kind == kind && (where?.Invoke(e) ?? true));

    [Fact]
    public void The_survivor_reports_the_peer_dead_then_takes_over_in_the_group_s_order()
    {
        var e = Interpret("otter");
        var dead = First(e, "hb.node-dead");
        dead.Data["peer"].Should().Be("weasel");
        var links = e.Where(x => x.Kind == "hb.link" && x.Data["state"] == "dead").Select(x => x.Data["link"]).ToArray();
        links.Should().BeEquivalentTo("eth1", "/dev/ttyS1");
        var takeover = First(e, "hb.takeover-start");
        var primary = First(e, "drbd.change", x => x.Data["change"].Contains("role( Secondary -> Primary )", StringComparison.Ordinal));
        var ipA = First(e, "ip.added", x => x.Data["address"] == "192.168.1.1");
        var ipB = First(e, "ip.added", x => x.Data["address"] == "192.168.2.1");
        var target = First(e, "target.state", x => x.Data["state"] == "1");
        var complete = First(e, "hb.takeover-complete");
        complete.Data["peer"].Should().Be("weasel");
        ipA.Data["interface"].Should().Be("eth2");
        ipB.Data["interface"].Should().Be("eth3");
        new[] { dead, takeover, primary, ipA, ipB, complete }.Select(x => x.NodeTime).Should().BeInAscendingOrder();
        target.NodeTime.Should().BeAfter(ipB.NodeTime);
        // Heartbeat declares the peer dead a deadtime (10 s) after its last heartbeat, which left up to a keepalive (1 s)
        // before the power cut.
        (dead.NodeTime - PowerOff()).TotalSeconds.Should().BeInRange(9, 15);
        e.Where(x => x.Kind == "hb.resource").Select(x => x.Data["agent"].Split('/').Last()).Distinct()
            .Should().ContainInOrder("drbddisk", "LVM", "IPaddr2", "arp_filter", "lio-target");
    }

    [Fact]
    public void The_survivor_s_DRBD_loses_its_peer_then_resyncs_it_when_it_returns()
    {
        var e = Interpret("otter");
        var states = e.Where(x => x.Kind == "drbd.state").Select(x => $"{x.Data["cs"]} {x.Data["role"]}/{x.Data["peer_role"]} {x.Data["disk"]}/{x.Data["peer_disk"]}").ToArray();
        states.Should().ContainInOrder(
            "Connected Secondary/Primary UpToDate/UpToDate",
            "WFConnection Secondary/Unknown UpToDate/DUnknown",
            "WFConnection Primary/Unknown UpToDate/DUnknown",
            "Connected Primary/Secondary UpToDate/UpToDate");
        states.Should().OnlyHaveUniqueItems("a sampled state is recorded when it changes, not every sample");
        First(e, "drbd.change", x => x.Data["change"].Contains("conn( Connected -> NetworkFailure )", StringComparison.Ordinal)).Data["resource"].Should().Be("r0");
        e.Should().Contain(x => x.Kind == "hb.restart-seen" && x.Data["peer"] == "weasel");
        e.Should().Contain(x => x.Kind == "hb.link" && x.Data["state"] == "up" && x.Data["link"] == "/dev/ttyS1");
        e.Should().NotContain(x => x.Kind == "drbd.split-brain");
    }

    [Fact]
    public void The_client_sees_its_sessions_fail_its_paths_fail_and_io_errors_then_the_paths_return()
    {
        var e = Interpret("badger");
        e.Where(x => x.Kind == "iscsi.ping-timeout").Select(x => x.Data["conn"]).Should().BeEquivalentTo("1:0", "2:0");
        var recovery = e.Where(x => x.Kind == "iscsi.recovery-timeout").ToArray();
        recovery.Should().HaveCount(2);
        recovery[0].Data["seconds"].Should().Be("5", "multipathd set the session recovery timeout to its fast_io_fail_tmo, not replacement_timeout");
        e.Where(x => x.Kind == "multipath.path-failed").Select(x => x.Data["path"]).Should().BeEquivalentTo("8:0", "8:16");
        First(e, "kernel.io-error", x => x.Data["dev"] == "dm-0").Data["op"].Should().Be("WRITE");
        e.Where(x => x.Kind == "multipathd.active-paths").Select(x => x.Data["count"]).Should().ContainInOrder("1", "0", "1", "2");
        var sessions = e.Where(x => x.Kind == "iscsi.session" && x.Data["sid"] == "1").Select(x => x.Data["state"]).ToArray();
        sessions.Should().ContainInOrder("LOGGED_IN", "FAILED", "FREE", "LOGGED_IN");
        e.Where(x => x.Kind == "scsi.device" && x.Data["dev"] == "sda").Select(x => x.Data["state"]).Should().ContainInOrder("running", "blocked", "transport-offline", "running");
        var journal = First(e, "multipathd.active-paths", x => x.Data["count"] == "0");
        journal.NodeTime.Should().Be(new DateTimeOffset(2026, 11, 29, 15, 38, 22, TimeSpan.Zero).AddTicks(9718500), "a journal line is dated by journald's own time");
    }

    [Fact]
    public void The_holder_reports_the_floating_ips_it_holds_at_start_and_nothing_else()
    {
        var e = Interpret("weasel");
        e.Where(x => x.Kind == "ip.present").Select(x => x.Data["address"]).Should().BeEquivalentTo(Floating);
        e.Where(x => x.Kind.StartsWith("ip.", StringComparison.Ordinal)).Should().OnlyContain(x => Floating.Contains(x.Data["address"]));
        First(e, "drbd.state").Data["role"].Should().Be("Primary");
    }

    [Fact]
    public void A_stream_that_returns_reports_its_sampled_state_again()
    {
        var interpreter = new TimelineInterpreter("otter", TimelineRules.From(CommandCatalog.Default), Floating);
        var line = NodeLine.Parse("S 1795966657.483224 drbd=[0: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----] target=absent")!.Value;
        interpreter.Interpret(line).Select(x => x.Kind).Should().BeEquivalentTo("drbd.state", "target.state");
        interpreter.Interpret(line).Should().BeEmpty();
        interpreter.Reset();
        interpreter.Interpret(line).Should().HaveCount(2);
    }

    [Fact]
    public void Lines_not_in_the_observer_form_are_ignored_and_node_times_keep_their_microseconds()
    {
        NodeLine.Parse("bash: warning: something").Should().BeNull();
        NodeLine.Parse("").Should().BeNull();
        var l = NodeLine.Parse("H 1795966692.447148 Nov 29 15:38:12 otter heartbeat: [487]: WARN: node weasel: is dead")!.Value;
        l.Tag.Should().Be("H");
        l.NodeTime.Should().Be(DateTimeOffset.UnixEpoch.AddTicks(17959666924471480));
        l.Text.Should().StartWith("Nov 29");
    }
}
