using System.Diagnostics;
using System.Globalization;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Gherkin.Execution;
using SanChaos.Gherkin.Xunit;
using SanChaos.Inventory.Loading;
using SanChaos.Reporting.Outcomes;
using SanChaos.Reporting.Runs;
using SanChaos.Session.Keeper;

namespace SanChaos.Bench;

/// <summary>
/// <c>soak</c>: the same drill N times back to back on the lab a keeper holds, each as a <c>dotnet test</c> run of its own
/// (as a nightly loop runs them), then every run's outcome class, the outcome table over the runs (flaky drills with the
/// figure that moved them, figures' min/median/max), the failures that are not the SAN's (broken), and what the runs leaked on the host: processes, the keeper's descriptors, namespaces, files
/// in /dev/shm.
/// </summary>
internal static class SoakBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var drills = 20;
        var filter = "Category=kill-primary&Category=smoke";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--drills" when i + 1 < args.Length: drills = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--filter" when i + 1 < args.Length: filter = args[++i]; break;
                default: throw new SanChaosException($"soak: unknown option '{args[i]}'.", "write soak [--drills N] [--filter EXPR].");
            }
        }

        var keeper = KeeperRecord.Read(KeeperPaths.Default);
        if (keeper is not { Alive: true, Phase: "up" })
            throw new SanChaosException("soak runs on a kept lab, and none is up.", "bring one up first: `sanchaos lab up --detach` (add --build to pick a build).");
        var root = Repository.Root();
        var folder = Path.Combine(root, "reports", "bench", $"soak-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Console.WriteLine($"soak: {drills} runs of `{filter}` on the lab of keeper PID {keeper.Pid} (build {keeper.Build}); results in {folder}");
        var before = HostCounts.Take(keeper.Pid);
        var sanFailures = 0;
        var otherFailures = 0;
        var passed = 0;
        var records = new List<ScenarioResult>();
        var wall = Stopwatch.StartNew();
        for (var n = 1; n <= drills; n++)
        {
            var run = Path.Combine(folder, n.ToString("00", CultureInfo.InvariantCulture));
            var t = Stopwatch.StartNew();
            var exit = await DotnetTestAsync(root, filter, run, keeper.Build).ConfigureAwait(false);
            if (!File.Exists(Path.Combine(run, RunFolder.ResultsFileName)))
            {
                otherFailures++;
                Console.WriteLine($"{n,3}  no scenario recorded (dotnet test exit {exit}, {t.Elapsed.TotalSeconds:0} s)");
                continue;
            }

            foreach (var s in RunFolder.Load(run).Scenarios.Select(s => s.Result))
            {
                records.Add(s);
                var outcome = s.Classified;
                if (outcome.Class == OutcomeClass.Broken) otherFailures++;
                else if (outcome.Class.IsRed()) sanFailures++;
                else passed++;
                var verdicts = s.Verdicts ?? [];
                var takeover = s.Figures?.FirstOrDefault(f => f.Name == "takeover complete")?.Value ?? "-";
                var stall = s.Figures?.FirstOrDefault(f => f.Name == "io stall")?.Value.Split(' ').Take(2) is { } st ? string.Join(' ', st) : "-";
                Console.WriteLine($"{n,3}  {outcome.Class.Label(),-12} {t.Elapsed.TotalSeconds,5:0} s  takeover {takeover}, stall {stall}; " +
                                  $"verdicts: {string.Join(", ", verdicts.Select(v => $"{v.Checker} {v.Status}"))}" +
                                  (outcome.Class is OutcomeClass.Passed ? "" : $"; {FirstLine(outcome.Reason)}"));
            }
        }

        Console.WriteLine();
        Console.Write(OutcomeSummary.Table(OutcomeSummary.Of(records)));
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var after = HostCounts.Take(keeper.Pid);
        Console.WriteLine();
        Console.WriteLine($"{drills} runs in {wall.Elapsed.TotalMinutes:0.0} min: {passed} green (passed, expected finding, marginal), {sanFailures} red by the SAN (regression, expected finding missing), {otherFailures} broken (not the SAN)");
        var leaks = HostCounts.Compare(before, after);
        foreach (var line in leaks.Lines) Console.WriteLine(line);
        return otherFailures == 0 && !leaks.Leaked ? 0 : 1;
    }

    private static string FirstLine(string? text) => (text ?? "no error recorded").Split('\n')[0];

    private static async Task<int> DotnetTestAsync(string root, string filter, string run, string build)
    {
        Directory.CreateDirectory(run);
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "test", Path.Combine(root, "tests", "SanChaos.Drills.Tests"), "--no-build", "--filter", filter }) psi.ArgumentList.Add(a);
        psi.Environment[DrillHost.ResultsVariable] = Path.Combine(run, RunFolder.ResultsFileName);
        if (build.Length > 0) psi.Environment[InventoryLoader.BuildVariable] = build;
        using var p = Process.Start(psi) ?? throw new SanChaosException("Could not start dotnet test.", "check the .NET SDK.");
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(run, "dotnet-test.log"), await output.ConfigureAwait(false) + await error.ConfigureAwait(false)).ConfigureAwait(false);
        return p.ExitCode;
    }
}

/// <summary>What a run could leak on the host, counted.</summary>
internal sealed record HostCounts(int Processes, int UmlProcesses, int SshProcesses, int KeeperDescriptors, int Namespaces, int ShmFiles)
{
    public static HostCounts Take(int keeperPid)
    {
        var comms = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsAsciiDigit))
            .Select(d => { try { return File.ReadAllText($"/proc/{d}/comm").Trim(); } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; } })
            .Where(c => c is not null).ToArray();
        int Count(string dir) => Directory.Exists(dir) ? Directory.EnumerateFileSystemEntries(dir).Count() : 0;
        return new HostCounts(comms.Length, comms.Count(c => c!.StartsWith("linux", StringComparison.Ordinal)), comms.Count(c => c == "ssh"),
            Count($"/proc/{keeperPid}/fd"), Count("/run/netns"), Count("/dev/shm"));
    }

    public static (IReadOnlyList<string> Lines, bool Leaked) Compare(HostCounts a, HostCounts b)
    {
        var rows = new (string Name, int Before, int After, bool Counts)[]
        {
            ("host processes (all, for reference)", a.Processes, b.Processes, false),
            ("UML kernel processes", a.UmlProcesses, b.UmlProcesses, true),
            ("ssh processes", a.SshProcesses, b.SshProcesses, true),
            ("keeper's open descriptors", a.KeeperDescriptors, b.KeeperDescriptors, true),
            ("network namespaces", a.Namespaces, b.Namespaces, true),
            ("files in /dev/shm", a.ShmFiles, b.ShmFiles, true),
        };
        var lines = rows.Select(r => $"  {r.Name,-38} before {r.Before,5}  after {r.After,5}  leaked {Math.Max(0, r.After - r.Before)}").ToList();
        return (lines, rows.Any(r => r.Counts && r.After > r.Before));
    }
}
