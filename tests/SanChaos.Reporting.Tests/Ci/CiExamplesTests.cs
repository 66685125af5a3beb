using System.Text.RegularExpressions;
using FluentAssertions;
using SanChaos.Core;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace SanChaos.Reporting.Tests.Ci;

/// <summary>
/// The CI examples (ci/examples: a GitHub Actions workflow and a GitLab CI file that run the nightly per lab and build
/// and merge the results): a schema check of what they must hold, next to actionlint on the workflow where it is
/// installed. Each matrix entry names a lab inventory that exists and a build the lab knows; both files run the same
/// matrix; the merge job waits for the drills, continues the report's history and compares each key with last night.
/// </summary>
public sealed partial class CiExamplesTests
{
    private static readonly string Examples = Path.Combine(Repository.Root(), "ci", "examples");

    private static YamlMappingNode Load(string relative)
    {
        var path = Path.Combine(Examples, relative);
        File.Exists(path).Should().BeTrue($"{relative} is one of the CI examples");
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var map = node as YamlMappingNode;
            map.Should().NotBeNull($"'{key}' is looked up in a mapping");
            map!.Children.Should().ContainKey(new YamlScalarNode(key), $"the CI example must have '{string.Join(".", path)}'");
            node = map.Children[new YamlScalarNode(key)];
        }

        return node;
    }

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value ?? "";

    private static string AllScripts(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode q => string.Join("\n", q.Children.Select(AllScripts)),
        YamlMappingNode m => string.Join("\n", m.Children.Select(kv => AllScripts(kv.Value))),
        _ => "",
    };

    /// <summary>Each entry's key, lab and build, checked against the repository's inventories and kernels.</summary>
    private static void MatrixIsRunnable(IEnumerable<(string Key, string Lab, string Build)> entries)
    {
        var kernels = File.ReadAllText(Path.Combine(Repository.Root(), "lab", "sut", "builds.yaml"));
        var list = entries.ToList();
        list.Should().NotBeEmpty();
        list.Select(e => e.Key).Should().OnlyHaveUniqueItems().And.OnlyContain(k => KeyName().IsMatch(k));
        foreach (var (key, lab, build) in list)
        {
            File.Exists(Path.Combine(Repository.Root(), lab)).Should().BeTrue($"{key} runs on inventory {lab}");
            var parts = build.Split('/');
            parts.Should().HaveCount(3, $"{key}'s build is kernel/release/target");
            kernels.Should().Contain($"\"{parts[0]}\":", $"{key}'s kernel {parts[0]} is in lab/sut/builds.yaml");
            parts[1].Should().BeOneOf("bookworm", "trixie");
            parts[2].Should().BeOneOf("lio", "tgt");
        }
    }

    private static void MergesAndCompares(string script, string runsFolder)
    {
        script.Should().Contain($"-- report {runsFolder}/* --out report").And.Contain("--history last/report", "the report's history continues from last night");
        script.Should().Contain("-- compare \"last/runs/$key\" \"$run\"", "each lab and build is compared with its own run of last night");
        script.Should().Contain("cp -r report last/report", "tonight's report is kept for tomorrow's history");
    }

    [Fact]
    public void The_GitHub_workflow_runs_one_job_per_lab_and_build_and_merges_them()
    {
        var wf = Load("github/sanchaos-nightly.yml");
        At(wf, "on", "schedule").Should().BeOfType<YamlSequenceNode>();
        var drills = At(wf, "jobs", "drills");
        var include = (YamlSequenceNode)At(drills, "strategy", "matrix", "include");
        MatrixIsRunnable(include.Children.Cast<YamlMappingNode>().Select(e => (Text(e, "key"), Text(e, "lab"), Text(e, "build"))));
        Text(drills, "env", "SANCHAOS_LAB").Should().Be("${{ matrix.lab }}");
        Text(drills, "env", "SANCHAOS_BUILD").Should().Be("${{ matrix.build }}");
        Text(drills, "strategy", "fail-fast").Should().Be("false", "one red lab must not cancel the others");
        AllScripts(At(drills, "steps")).Should().Contain("dotnet test tests/SanChaos.Drills.Tests --filter \"Category=nightly\"").And.Contain("lab down");

        var report = At(wf, "jobs", "report");
        Text(report, "needs").Should().Be("drills");
        Text(report, "if").Should().Be("always()", "the report is written also when a drill job failed");
        MergesAndCompares(AllScripts(At(report, "steps")), "tonight");
    }

    [Fact]
    public void The_GitLab_file_runs_the_same_matrix_and_merges_it()
    {
        var ci = Load("gitlab/.gitlab-ci.yml");
        var drills = At(ci, "drills");
        var matrix = ((YamlSequenceNode)At(drills, "parallel", "matrix")).Children.Cast<YamlMappingNode>()
            .Select(e => (Text(e, "KEY"), Text(e, "SANCHAOS_LAB"), Text(e, "SANCHAOS_BUILD"))).ToList();
        MatrixIsRunnable(matrix);
        AllScripts(At(drills, "script")).Should().Contain("dotnet test tests/SanChaos.Drills.Tests --filter \"Category=nightly\"");
        AllScripts(At(drills, "after_script")).Should().Contain("lab down");

        var report = At(ci, "report");
        ((YamlSequenceNode)At(report, "needs")).Children.Cast<YamlMappingNode>().Select(n => Text(n, "job")).Should().Equal("drills");
        MergesAndCompares(AllScripts(At(report, "script")), "nightly");

        var github = ((YamlSequenceNode)At(Load("github/sanchaos-nightly.yml"), "jobs", "drills", "strategy", "matrix", "include")).Children
            .Cast<YamlMappingNode>().Select(e => (Text(e, "key"), Text(e, "lab"), Text(e, "build")));
        matrix.Should().BeEquivalentTo(github, "both examples run the same labs and builds");
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex KeyName();
}
