using System.Text.Json;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Reporting.Allure;
using SanChaos.Reporting.Html;
using SanChaos.Reporting.Tests.Fixtures;
using Xunit;

namespace SanChaos.Reporting.Tests.Html;

/// <summary>
/// The HTML report rendered by the real Allure generator (npm allure 3.18.0 from lab/install-host-packages.sh) and opened
/// in Debian's headless Chromium: the scenario, its steps, a checker's evidence and the failover timeline are on the
/// page, and a second render continues the history. The screenshots are kept under TestResults/report-render.
/// </summary>
[Trait("Category", "report-render")]
public sealed class ReportRenderTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static void RequireTools()
    {
        var missing = new List<string>();
        if (AllureReport.Find() is null) missing.Add("allure (" + AllureReport.InstalledPath + ")");
        if (!File.Exists(Chromium.Path)) missing.Add("chromium (" + Chromium.Path + ")");
        if (missing.Count == 0) return;
        var why = $"not installed: {string.Join(", ", missing)}; run ./lab/install-host-packages.sh as root";
        if (System.Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(why);
        Assert.Skip(why);
    }

    [Fact]
    public async Task The_report_shows_the_scenario_its_steps_a_checker_s_evidence_and_the_timeline()
    {
        RequireTools();
        var ct = TestContext.Current.CancellationToken;
        var results = _tmp.Sub("allure-results");
        AllureResultsWriter.WriteRun(RunFixtures.Write(_tmp.Path, "20261129-153000-1"), results);
        var report = _tmp.Sub("report");
        var first = await AllureReport.GenerateAsync([results], report, ct: ct);
        File.ReadAllLines(first.HistoryFile).Should().HaveCount(1);

        var byName = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "test-results.json"))).RootElement.GetProperty("byId")
            .EnumerateObject().ToDictionary(p => p.Value.GetProperty("name").GetString()!, p => p.Name);
        byName.Keys.Should().BeEquivalentTo([RunFixtures.KillPrimary, RunFixtures.SwitchOutline, RunFixtures.Serial]);

        using var server = new StaticServer(report);
        var url = $"{server.Url}index.html#{byName[RunFixtures.KillPrimary]}";
        var dom = Chromium.DumpDom(url);
        // The description (with the timeline drawn in it) sits in an iframe's srcdoc: its markup is escaped there.
        string[] expected =
        [
            RunFixtures.KillPrimary, "When the primary loses power", "io-stall: INVALID: I/O stall",
            "budget: deadtime 10 s + takeover 2-8 s + multipath 0-8 s [budget.txt]", "failover timeline (png)",
            "alt=&quot;failover timeline&quot;", "data:image/png;base64,", "Stall over budget",
        ];
        expected.Where(e => !dom.Contains(e, StringComparison.Ordinal)).Should().BeEmpty("the page shows the scenario, a step, a checker's verdict and evidence, the timeline and the category");

        var kept = Path.Combine(Repository.Root(), "tests", "SanChaos.Reporting.Tests", "TestResults", "report-render");
        Directory.CreateDirectory(kept);
        var shot = Path.Combine(kept, "kill-primary.png");
        Chromium.Screenshot(url, shot);
        new FileInfo(shot).Length.Should().BeGreaterThan(10_000);
        Chromium.Screenshot(server.Url + "index.html", Path.Combine(kept, "overview.png"), height: 1200);
        TestContext.Current.AddAttachment("kill-primary.png", File.ReadAllBytes(shot), "image/png");

        // The next night: the same folder again, with the slower run; Allure's history goes on.
        var slower = _tmp.Sub("allure-results-2");
        AllureResultsWriter.WriteRun(RunFixtures.Write(_tmp.Path, "20261130-020000-7", TimeSpan.FromSeconds(8)), slower);
        var second = await AllureReport.GenerateAsync([slower], report, ct: ct);
        File.ReadAllLines(second.HistoryFile).Should().HaveCount(2);
        File.Exists(Path.Combine(report, "index.html")).Should().BeTrue();
        Directory.GetDirectories(report).Select(Path.GetFileName).Should().NotContain("awesome", "the report stays at the folder's top");
    }
}
