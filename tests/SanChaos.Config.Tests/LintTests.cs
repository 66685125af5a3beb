using FluentAssertions;
using SanChaos.Config.Lint;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>The lint on the real configurations (the seeds as printed, the running embedded lab) and on their clean variants.</summary>
public sealed class LintTests
{
    private static string[] Summary(LintReport r) => r.Findings.Select(f => $"{f.Severity.ToString().ToLowerInvariant()} {f.Rule} {f.Location}").ToArray();

    [Fact]
    public void The_embedded_lab_risks_a_split_brain_application_errors_during_takeover_and_ARP_flux()
    {
        var report = ConfigLint.Run(Fixtures.Load("embedded"), Fixtures.EmbeddedLab);
        Summary(report).Should().Equal(
            "error drbd.fencing otter/drbd.d/r0.res:9",
            "error drbd.fencing weasel/drbd.d/r0.res:9",
            "error mpath.no-path-retry badger/multipath.conf:20",
            "warning net.arp-filter otter/sysctl-arp_filter.txt:1");
        var fencing = report.Of("drbd.fencing").First();
        fencing.Why.Should().Contain("both heartbeat paths fail").And.Contain("split brain");
        fencing.Drill.Should().Be(Drills.BothPathsLost);
        var npr = report.Of("mpath.no-path-retry").Single();
        npr.Message.Should().Contain("no_path_retry fail").And.Contain("15–20 s after the fault");
        npr.Why.Should().Contain("I/O errors (EIO) for 25–69.5 s");
        npr.Drill.Should().Be(Drills.KillPrimary);
        report.Of("net.arp-filter").Single().Message.Should().Contain("otter/haresources:4");
    }

    [Fact]
    public void Without_a_measurement_the_lab_no_path_retry_fail_is_a_warning_because_a_fast_takeover_could_beat_it()
    {
        var report = ConfigLint.Run(Fixtures.Load("embedded"));
        report.Of("mpath.no-path-retry").Single().Severity.Should().Be(Severity.Warning);
        report.Of("mpath.no-path-retry").Single().Message.Should().Contain("not measured");
    }

    [Fact]
    public void The_seeds_as_printed_break_Heartbeat_and_DRBD_and_risk_a_split_brain()
    {
        var report = ConfigLint.Run(Fixtures.Load("seeds"));
        report.Findings.Select(f => f.Rule).Distinct().Should().Equal(
            "config.syntax", "hb.haresources-continuation", "drbd.fencing", "drbd.host-section",
            "hb.deadtime-drbd", "hb.authkeys-key", "mpath.no-path-retry", "mpath.obsolete-keyword", "mpath.blacklist-pattern");
        Summary(report).Should().Contain([
            "error config.syntax otter/drbd.conf:2",
            "error config.syntax otter/drbd.conf:21",
            "error config.syntax badger/multipath.conf:14",
            "error hb.haresources-continuation otter/haresources:2",
            "error hb.haresources-continuation weasel/haresources:2",
            "error drbd.fencing otter/drbd.conf:2",
            "error drbd.host-section otter/drbd.conf:14",
            "error drbd.host-section otter/drbd.conf:18",
            "warning hb.deadtime-drbd otter/ha.cf:4",
            "warning hb.authkeys-key otter/authkeys:2",
            "warning mpath.no-path-retry badger/multipath.conf:12",
            "warning mpath.obsolete-keyword badger/multipath.conf:2",
            "warning mpath.obsolete-keyword badger/multipath.conf:4",
            "warning mpath.obsolete-keyword badger/multipath.conf:6",
            "warning mpath.obsolete-keyword badger/multipath.conf:7",
            "warning mpath.obsolete-keyword badger/multipath.conf:9",
            "warning mpath.blacklist-pattern badger/multipath.conf:16",
        ]);
        report.Of("drbd.fencing").Should().AllSatisfy(f => f.Drill.Should().Be(Drills.BothPathsLost));
        report.Of("mpath.no-path-retry").Single().Drill.Should().Be(Drills.KillPrimary);
        var continuation = report.Of("hb.haresources-continuation").First();
        continuation.Message.Should().Contain("line 3 starts a new group for a node called 'IPaddr::192.168.1.1/24/eth2'");
        continuation.Why.Should().Contain("Bad nodename").And.Contain("drbddisk::r0, LVM::storage");
        report.Of("drbd.host-section").First().Message.Should().Contain("has no address");
        report.Findings.Should().NotContain(f => f.Rule == "hb.authkeys-mode", "the seeds chmod 600 authkeys");
    }

    [Theory]
    [InlineData("clean/embedded")]
    [InlineData("clean/seeds")]
    public void The_clean_variants_have_no_findings(string folder)
    {
        ConfigLint.Run(Fixtures.Load(folder)).Findings.Should().BeEmpty();
        ConfigLint.Run(Fixtures.Load(folder), Fixtures.EmbeddedLab).Findings.Should().BeEmpty();
    }

    [Fact]
    public void Every_rule_has_a_unique_id_and_the_report_lists_errors_first()
    {
        ConfigLint.Rules.Select(r => r.Id).Should().OnlyHaveUniqueItems();
        var report = ConfigLint.Run(Fixtures.Load("seeds"));
        report.Findings.Select(f => f.Severity).Should().BeInDescendingOrder();
        report.ToText().Should().StartWith($"{report.Origin}: {report.Errors} errors, {report.Warnings} warnings, 0 info");
    }

    [Fact]
    public void The_json_form_carries_rule_location_why_fix_and_drill()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(ConfigLint.Run(Fixtures.Load("embedded"), Fixtures.EmbeddedLab).ToJson());
        doc.RootElement.GetProperty("errors").GetInt32().Should().Be(3);
        var first = doc.RootElement.GetProperty("findings")[0];
        first.GetProperty("rule").GetString().Should().Be("drbd.fencing");
        first.GetProperty("file").GetString().Should().Be("drbd.d/r0.res");
        first.GetProperty("line").GetInt32().Should().Be(9);
        first.GetProperty("drill").GetProperty("tag").GetString().Should().Be("both-paths-lost");
        first.GetProperty("fix").GetString().Should().Contain("fencing resource-only");
    }
}
