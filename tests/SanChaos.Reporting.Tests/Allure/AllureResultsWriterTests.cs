using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using SanChaos.Reporting.Allure;
using SanChaos.Reporting.Runs;
using SanChaos.Reporting.Tests.Fixtures;
using Xunit;

namespace SanChaos.Reporting.Tests.Allure;

/// <summary>The Allure results written from a fixture run folder, checked against the fields Allure's reader takes
/// (@allurereport/reader allure2: names, types, required fields; attachments by source file name).</summary>
[Trait("Category", "unit")]
public sealed class AllureResultsWriterTests : IDisposable
{
    private static readonly string[] Statuses = ["passed", "failed", "broken", "skipped"];
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private (string Results, AllureWriteSummary Summary, JsonElement[] Docs) Write(string runName = "20261129-153000-1", TimeSpan delay = default, string results = "allure-results")
    {
        var run = RunFixtures.Write(_tmp.Path, runName, delay);
        var dir = _tmp.Sub(results);
        var summary = AllureResultsWriter.WriteRun(run, dir);
        var docs = Directory.GetFiles(dir, "*-result.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToArray();
        return (dir, summary, docs);
    }

    private static JsonElement Named(JsonElement[] docs, string name) => docs.Single(d => d.GetProperty("name").GetString() == name);

    [Fact]
    public void Every_result_has_the_fields_Allure_reads_with_their_types()
    {
        var (_, summary, docs) = Write();
        summary.Results.Should().Be(3);
        docs.Should().HaveCount(3);
        foreach (var d in docs)
        {
            foreach (var key in new[] { "uuid", "historyId", "testCaseId", "name", "fullName", "status", "stage" })
                d.GetProperty(key).ValueKind.Should().Be(JsonValueKind.String, key);
            Guid.TryParse(d.GetProperty("uuid").GetString(), out _).Should().BeTrue();
            d.GetProperty("historyId").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
            d.GetProperty("testCaseId").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
            d.GetProperty("status").GetString().Should().BeOneOf(Statuses);
            d.GetProperty("stage").GetString().Should().Be("finished");
            d.GetProperty("start").ValueKind.Should().Be(JsonValueKind.Number);
            d.GetProperty("stop").GetInt64().Should().BeGreaterThanOrEqualTo(d.GetProperty("start").GetInt64());
            foreach (var l in d.GetProperty("labels").EnumerateArray())
            {
                l.GetProperty("name").ValueKind.Should().Be(JsonValueKind.String);
                l.GetProperty("value").ValueKind.Should().Be(JsonValueKind.String);
            }

            foreach (var p in d.GetProperty("parameters").EnumerateArray())
            {
                p.GetProperty("name").ValueKind.Should().Be(JsonValueKind.String);
                p.GetProperty("value").ValueKind.Should().Be(JsonValueKind.String);
                p.GetProperty("excluded").ValueKind.Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
            }

            if (d.TryGetProperty("statusDetails", out var sd))
                foreach (var k in new[] { "message", "trace" })
                    if (sd.TryGetProperty(k, out var v)) v.ValueKind.Should().Be(JsonValueKind.String);
            CheckSteps(d.GetProperty("steps"));
        }
    }

    private static void CheckSteps(JsonElement steps)
    {
        steps.ValueKind.Should().Be(JsonValueKind.Array);
        foreach (var s in steps.EnumerateArray())
        {
            s.GetProperty("name").ValueKind.Should().Be(JsonValueKind.String);
            s.GetProperty("status").GetString().Should().BeOneOf(Statuses);
            s.GetProperty("stop").GetInt64().Should().BeGreaterThanOrEqualTo(s.GetProperty("start").GetInt64());
            CheckSteps(s.GetProperty("steps"));
        }
    }

    [Fact]
    public void Statuses_follow_the_steps_and_the_verdicts()
    {
        var (_, _, docs) = Write();
        var kill = Named(docs, RunFixtures.KillPrimary);
        kill.GetProperty("status").GetString().Should().Be("failed");
        kill.GetProperty("statusDetails").GetProperty("message").GetString().Should().Contain("io-stall: INVALID");
        kill.GetProperty("statusDetails").GetProperty("trace").GetString().Should().Contain("split-brain: VALID").And.Contain("[io.stall]");
        Named(docs, RunFixtures.SwitchOutline).GetProperty("status").GetString().Should().Be("passed");
        var serial = Named(docs, RunFixtures.Serial);
        serial.GetProperty("status").GetString().Should().Be("broken");
        serial.GetProperty("statusDetails").GetProperty("message").GetString().Should().Contain("weasel did not answer").And.Contain("split-brain: UNKNOWN");
        serial.GetProperty("statusDetails").GetProperty("trace").GetString().Should().Contain("teardown errors");
        serial.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()).Should().Equal("broken", "skipped", "broken");
    }

    [Fact]
    public void Gherkin_steps_carry_their_times_and_the_verdicts_their_step_asked_for()
    {
        var (_, _, docs) = Write();
        var steps = Named(docs, RunFixtures.KillPrimary).GetProperty("steps").EnumerateArray().ToArray();
        steps.Select(s => s.GetProperty("name").GetString()).Should().Equal(
            "Given the SAN is in steady state", "When the primary loses power", "Then otter holds the resources within 60 s",
            "And I/O stalls no longer than the budget", "And no acknowledged write is lost");
        steps.Select(s => s.GetProperty("start").GetInt64()).Should().BeInAscendingOrder();
        var stall = steps[3];
        stall.GetProperty("status").GetString().Should().Be("failed");
        var verdict = stall.GetProperty("steps").EnumerateArray().Single();
        verdict.GetProperty("name").GetString().Should().StartWith("io-stall: INVALID: I/O stall");
        verdict.GetProperty("status").GetString().Should().Be("failed");
        verdict.GetProperty("steps").EnumerateArray().Select(e => e.GetProperty("name").GetString()).Should().Contain(e => e!.Contains("[budget.txt]"));
        verdict.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Contain("stall_s");
    }

    [Fact]
    public void Attachments_are_on_disk_and_every_attachment_file_is_referenced()
    {
        var (dir, summary, docs) = Write();
        summary.Warnings.Should().BeEmpty();
        var referenced = new List<string>();
        void Collect(JsonElement e)
        {
            if (e.TryGetProperty("attachments", out var atts))
                foreach (var a in atts.EnumerateArray())
                {
                    var source = a.GetProperty("source").GetString()!;
                    a.GetProperty("name").ValueKind.Should().Be(JsonValueKind.String);
                    a.GetProperty("type").GetString().Should().Contain("/");
                    source.Should().MatchRegex("-attachment(\\.|$)", "Allure's reader takes attachment files by this name");
                    File.Exists(Path.Combine(dir, source)).Should().BeTrue(source);
                    referenced.Add(source);
                }

            if (e.TryGetProperty("steps", out var steps))
                foreach (var s in steps.EnumerateArray()) Collect(s);
        }

        foreach (var d in docs) Collect(d);
        Directory.GetFiles(dir, "*-attachment*").Select(Path.GetFileName).Should().BeEquivalentTo(referenced);
        summary.Attachments.Should().Be(referenced.Count);

        var names = Named(docs, RunFixtures.KillPrimary).GetProperty("attachments").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => (Source: a.GetProperty("source").GetString()!, Type: a.GetProperty("type").GetString()!));
        names.Keys.Should().Contain([
            "failover timeline (png)", "failover timeline (svg)", "I/O latency and errors (png)", "I/O per second (CSV)",
            "verdicts and evidence", "history (history.jsonl)", "capture-storage-a.pcap", "capture-storage-b.pcap",
            "timeline-otter.log", "timeline-weasel.log", "timeline-badger.log", "io-probe.log", "budget.txt",
        ]);
        names["capture-storage-a.pcap"].Type.Should().Be("application/vnd.tcpdump.pcap");
        File.ReadAllBytes(Path.Combine(dir, names["capture-storage-a.pcap"].Source))
            .Should().Equal(File.ReadAllBytes(Path.Combine(RunFixtures.Recorded, "capture-storage-a.pcap")));
        var png = File.ReadAllBytes(Path.Combine(dir, names["failover timeline (png)"].Source));
        png.Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        File.ReadAllText(Path.Combine(dir, names["failover timeline (svg)"].Source)).Should().Contain("<svg").And.Contain("takeover complete on otter");
        File.ReadAllLines(Path.Combine(dir, names["I/O per second (CSV)"].Source))[0].Should().Be("time_utc,t_s,ok,errors,bytes_ok,max_latency_ms");
    }

    [Fact]
    public void Ids_are_stable_across_writes_and_runs_and_line_up_an_outline_row_by_its_values()
    {
        var (_, _, first) = Write("20261129-153000-1", results: "r1");
        var (_, _, again) = Write("20261129-153000-1b", results: "r2");
        var (_, _, slower) = Write("20261130-020000-7", TimeSpan.FromSeconds(8), "r3");
        static string[] Ids(JsonElement[] d, string key) => d.Select(x => x.GetProperty(key).GetString()!).Order().ToArray();
        Ids(again, "historyId").Should().Equal(Ids(first, "historyId"));
        Ids(slower, "historyId").Should().Equal(Ids(first, "historyId"));
        Ids(slower, "testCaseId").Should().Equal(Ids(first, "testCaseId"));
        Ids(first, "historyId").Should().OnlyHaveUniqueItems();

        var outline = Named(first, RunFixtures.SwitchOutline);
        outline.GetProperty("parameters").EnumerateArray().First().GetProperty("name").GetString().Should().Be("switch");
        outline.GetProperty("historyId").GetString().Should().NotBe(outline.GetProperty("testCaseId").GetString());

        // The same run written twice: the same files, not copies.
        var run = Path.Combine(_tmp.Path, "20261129-153000-1");
        var dir = _tmp.Sub("r1");
        var before = Directory.GetFiles(dir).Length;
        AllureResultsWriter.WriteRun(run, dir);
        Directory.GetFiles(dir).Length.Should().Be(before);
    }

    [Fact]
    public void A_report_of_two_builds_keeps_each_drill_apart_by_lab_and_build_and_one_build_keeps_its_plain_ids()
    {
        var newer = RunFixtures.Write(_tmp.Path, "20261207-010000-1", build: "7.2-seccomp/bookworm/lio");
        var older = RunFixtures.Write(_tmp.Path, "20261207-010000-2", build: "6.1/bookworm/lio");
        var again = RunFixtures.Write(_tmp.Path, "20261208-010000-3", build: "7.2-seccomp/bookworm/lio");
        JsonElement[] Written(string name, params string[] runs)
        {
            var dir = _tmp.Sub(name);
            new AllureResultsWriter().Write(dir, runs.Select(RunFolder.Load));
            return Directory.GetFiles(dir, "*-result.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
                .Where(d => d.GetProperty("name").GetString() == RunFixtures.KillPrimary).ToArray();
        }

        static string? Lab(JsonElement d) => d.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("name").GetString() == "lab").Select(p => p.GetProperty("value").GetString()).SingleOrDefault();

        var merged = Written("merged", newer, older);
        merged.Should().HaveCount(2);
        merged.Select(d => d.GetProperty("historyId").GetString()).Should().OnlyHaveUniqueItems("two builds are two histories, not one drill retried");
        merged.Select(d => d.GetProperty("testCaseId").GetString()).Distinct().Should().ContainSingle("it is the same drill");
        merged.Select(Lab).Should().BeEquivalentTo(["embedded 7.2-seccomp/bookworm/lio", "embedded 6.1/bookworm/lio"]);

        var nights = Written("nights", newer, again);
        nights.Select(d => d.GetProperty("historyId").GetString()).Distinct().Should().ContainSingle("one build on two nights is one history");
        nights.Select(Lab).Should().OnlyContain(l => l == null);
        var plain = Written("plain", newer);
        plain.Single().GetProperty("historyId").GetString().Should().Be(nights[0].GetProperty("historyId").GetString());
    }

    [Fact]
    public void Labels_parameters_and_environment_describe_the_lab()
    {
        var (dir, _, docs) = Write();
        var kill = Named(docs, RunFixtures.KillPrimary);
        var labels = kill.GetProperty("labels").EnumerateArray().Select(l => $"{l.GetProperty("name").GetString()}={l.GetProperty("value").GetString()}").ToArray();
        labels.Should().Contain(["feature=Power loss of a storage node", "suite=Power loss of a storage node", "tag=kill-primary", "host=ci-host-1", "labKind=embedded"]);
        var parameters = kill.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        parameters["heartbeat.deadtime"].GetProperty("value").GetString().Should().Be("10 s");
        parameters["heartbeat.deadtime"].GetProperty("excluded").GetBoolean().Should().BeTrue();
        parameters["seed"].GetProperty("value").GetString().Should().Be("42");

        var props = File.ReadAllLines(Path.Combine(dir, "environment.properties"));
        props.Should().Contain(["lab.kind=embedded", "lab.host=ci-host-1", "otter.drbd-utils=9.22.0-1", "badger.multipath-tools=0.9.4-3+deb12u1",
            "sut.heartbeat.deadtime=10 s", "otter.drbd-module=version: 8.4.11 (api:1/proto:86-101)"]);
        props.Should().Contain(p => p.StartsWith("weasel.errors=", StringComparison.Ordinal));

        var executor = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "executor.json"))).RootElement;
        executor.GetProperty("buildName").GetString().Should().Be("20261129-153000-1");
        executor.GetProperty("name").GetString().Should().Be("SanChaos");
    }

    [Fact]
    public void Categories_sort_the_failures_a_storage_engineer_looks_for()
    {
        var (dir, _, docs) = Write();
        var categories = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "categories.json"))).RootElement.EnumerateArray().ToArray();
        categories.Select(c => c.GetProperty("name").GetString()).Should().Equal(
            "Expected finding", "Expected finding missing", "Marginal",
            "Split brain", "Lost writes", "Stall over budget", "Application I/O errors", "GARP missing", "Lab broken");
        string? Category(string status, string message) => categories.FirstOrDefault(c =>
            c.GetProperty("matchedStatuses").EnumerateArray().Any(s => s.GetString() == status)
            && Regex.IsMatch(message, "^(?:" + c.GetProperty("messageRegex").GetString() + ")$")).GetProperty("name").GetString();
        Category("failed", "split-brain: INVALID: both nodes primary from 12:00:01").Should().Be("Split brain");
        Category("failed", "acknowledged-writes: INVALID: 3 lost, 1 torn").Should().Be("Lost writes");
        Category("failed", "application I/O: 2226 write(s) failed (EIO=2226)").Should().Be("Application I/O errors");
        Category("failed", "garp: INVALID: no gratuitous ARP for 192.168.2.1 on storage-b").Should().Be("GARP missing");
        Category("broken", "lab: weasel did not answer over SSH\nsplit-brain: UNKNOWN: no timeline").Should().Be("Split brain");
        Category("broken", "lab: weasel did not answer over SSH").Should().Be("Lab broken");
        var kill = Named(docs, RunFixtures.KillPrimary).GetProperty("statusDetails").GetProperty("message").GetString()!;
        kill.Should().StartWith("regression: ");
        Category("failed", kill).Should().Be("Stall over budget");
        // The outcome classes come first: a declared split brain is an expected finding, not a "Split brain" defect.
        Category("passed", "expected finding: as declared: split-brain invalid: both nodes primary").Should().Be("Expected finding");
        Category("failed", "expected finding missing: declared but not seen: split-brain (invalid expected, valid: one primary)")
            .Should().Be("Expected finding missing");
        Category("unknown", "marginal: decided by less than the 2 s bound: application-errors by 0.5 s").Should().Be("Marginal");
        Category("failed", "regression: not declared: split-brain invalid: both nodes primary").Should().Be("Split brain");
    }

    [Fact]
    public void Clean_removes_what_an_earlier_write_left()
    {
        var (dir, _, _) = Write();
        File.WriteAllText(Path.Combine(dir, "old-result.json"), "{}");
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "not Allure's");
        new AllureResultsWriter(new AllureOptions { Clean = true }).Write(dir, [RunFolder.Load(Path.Combine(_tmp.Path, "20261129-153000-1"))]);
        File.Exists(Path.Combine(dir, "old-result.json")).Should().BeFalse();
        File.Exists(Path.Combine(dir, "keep.txt")).Should().BeTrue();
        Directory.GetFiles(dir, "*-result.json").Should().HaveCount(3);
    }

    [Fact]
    public void A_run_folder_moved_elsewhere_still_finds_its_scenario_folders()
    {
        var run = RunFixtures.Write(_tmp.Path, "orig");
        var moved = _tmp.Sub("archive");
        Directory.Move(run, moved);
        var folder = RunFolder.Load(moved);
        folder.Scenarios[0].Directory.Should().Be(Path.Combine(moved, "power-9"));
        folder.Scenarios[0].History.Should().NotBeEmpty();
        folder.Scenarios[2].Directory.Should().BeNull();
    }

    [Fact]
    public void Properties_are_escaped_as_Java_reads_them()
    {
        AllureResultsWriter.Escape("a b:c=d", key: true).Should().Be(@"a\ b\:c\=d");
        AllureResultsWriter.Escape("x=1\ny\\z", key: false).Should().Be(@"x=1\ny\\z");
    }
}
