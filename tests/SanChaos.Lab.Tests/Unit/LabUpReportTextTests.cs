using FluentAssertions;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.Uml;
using Xunit;

namespace SanChaos.Lab.Tests.Unit;

[Trait("Category", "unit")]
public sealed class LabUpReportTextTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static StepTiming Step(string node, ProvisionPhase phase, double start, double took) =>
        new("stage", "step", node, phase, S(start), S(took), false, null);

    [Fact]
    public void The_split_is_a_timeline_and_what_overlaps_an_earlier_part_says_so()
    {
        var boots = new Dictionary<string, TimeSpan> { ["otter"] = S(18.5), ["weasel"] = S(17.1), ["badger"] = S(19.7) };
        var bootAt = new Dictionary<string, TimeSpan> { ["otter"] = S(0.1), ["weasel"] = S(19.5), ["badger"] = S(127.9) };
        var substrate = new UmlUpTimings(S(0), S(0), true, S(0.1), boots, S(147.6)) { BootStartedAt = bootAt };
        // Provisioning starts at 37.4 s; the client's preparation (ClientPrepare) runs while the group is still starting.
        var provisioning = new ProvisionReport([
            Step("otter", ProvisionPhase.Files, 0, 5.1),
            Step("cluster", ProvisionPhase.ResourceStart, 35.3, 55.2),
            Step("badger", ProvisionPhase.ClientPrepare, 80.0, 8.7),
        ], S(120), "wwid", []);
        var report = new LabUpReport(substrate, provisioning, S(9.5), [], S(175.8)) { ProvisioningStartedAt = S(37.4) };

        var lines = LabUpReportText.Render(report).Split('\n');

        lines.Should().Contain(l => l.Contains("boot to SSH: weasel", StringComparison.Ordinal) && l.Contains("@  19.5 s", StringComparison.Ordinal)
            && l.Contains("17.1 s", StringComparison.Ordinal) && !l.Contains("alongside", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("provision: Files", StringComparison.Ordinal) && l.Contains("@  37.4 s", StringComparison.Ordinal)
            && !l.Contains("alongside", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("provision: ClientPrepare", StringComparison.Ordinal) && l.Contains("@ 117.4 s", StringComparison.Ordinal)
            && l.Contains("(alongside)", StringComparison.Ordinal), "it overlaps the resource start (72.7 s to 127.9 s)");
        lines.Should().Contain(l => l.Contains("steady state", StringComparison.Ordinal) && l.Contains("@ 166.3 s", StringComparison.Ordinal));
        lines.Select(l => l.Trim()).Should().Contain(l => l.StartsWith("total", StringComparison.Ordinal) && l.EndsWith("175.8 s", StringComparison.Ordinal));
        lines.IndexOf(lines.First(l => l.Contains("badger", StringComparison.Ordinal)))
            .Should().BeGreaterThan(lines.IndexOf(lines.First(l => l.Contains("weasel", StringComparison.Ordinal))), "boots are listed in the order they started");
    }
}
