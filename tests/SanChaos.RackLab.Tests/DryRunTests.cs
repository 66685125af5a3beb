using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Gherkin.Xunit;
using Xunit;

namespace SanChaos.RackLab.Tests;

/// <summary>
/// A dry run against the example rack (lab/hardware.example.yaml), run as a user runs it: a drill test executable (this
/// project's own <see cref="RackDrills"/>: the smoke drills, through the drill suite's runner and bindings) in a process of
/// its own, with SANCHAOS_DRY_RUN=1. Every drill prints its actions with their targets
/// in order and is reported skipped with reason "dry run", and nothing is touched: ssh, ip and the SNMP/HTTP tools are
/// stand-ins on the PATH that record any call, and the scenarios' histories hold no injected fault.
/// </summary>
public sealed class DryRunTests
{
    private static readonly string Root = Repository.Root();

    [Fact(Timeout = 5 * 60 * 1000)]
    public async Task A_dry_run_of_the_smoke_drills_on_the_example_rack_prints_every_action_skips_every_drill_and_touches_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("sanchaos-dry-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
            var calls = Path.Combine(dir, "calls.log");
            foreach (var tool in new[] { "ssh", "ip", "ssh-keyscan", "snmpset", "snmpget", "curl", "nc", "unshare", "linux" })
            {
                var path = Path.Combine(bin, tool);
                await File.WriteAllTextAsync(path, $"#!/bin/sh\necho \"{tool} $*\" >> '{calls}'\nexit 99\n", TestContext.Current.CancellationToken);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var smoke = FeaturesAttribute.Rows(Path.Combine(Root, "features"), "smoke").Count;
            smoke.Should().BeGreaterThanOrEqualTo(3, "steady state, the primary's power loss and the eth1 cut are smoke drills");
            var (exit, output) = await RunAsync(bin, dir);

            exit.Should().Be(0, output);
            output.Should().Contain($"Skipped: {smoke},").And.Contain("Failed: 0,");
            File.Exists(calls).Should().BeFalse("a dry run connects to nothing and creates nothing; it called: " + (File.Exists(calls) ? File.ReadAllText(calls) : ""));

            // Per drill, the actions and their targets, in order: inject, then heal.
            var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            int At(string text) => lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
            var steady = At("DRY RUN: would heal the faults a killed run left");
            steady.Should().BeGreaterThanOrEqualTo(0, output);
            lines[steady].Should().Contain("over SSH to otter (root@172.16.1.1:22), weasel (root@172.16.1.2:22), badger (root@172.16.1.10:22)");
            var offOtter = At("would switch outlet 1 (otter) of PDU pdu-r2 at 172.16.1.250:161 off (if otter holds them)");
            var offWeasel = At("would switch outlet 3 (weasel) of PDU pdu-r2 at 172.16.1.250:161 off (if weasel holds them)");
            var onOtter = At("would switch outlet 1 (otter) of PDU pdu-r2 at 172.16.1.250:161 on (if it reads off) (if otter was the primary powered off)");
            new[] { offOtter, offWeasel, onOtter }.Should().OnlyContain(i => i >= 0, output);
            offOtter.Should().BeLessThan(offWeasel);
            offWeasel.Should().BeLessThan(onOtter, "the heal comes after the injection");
            var cut = At("would cut the cable of otter eth1 at otter's end: `ip link set dev eth1 down");
            var restore = At("would restore the cable of otter eth1: `ip link set dev eth1 up");
            cut.Should().BeGreaterThanOrEqualTo(0, output);
            restore.Should().BeGreaterThan(cut);

            // The records: every smoke drill skipped with reason "dry run", no fault injected, the dry-run actions in the history.
            var records = File.ReadAllLines(Path.Combine(dir, "run", "scenarios.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            records.Should().HaveCount(smoke);
            foreach (var r in records)
            {
                r.GetProperty("status").GetString().Should().Be("skipped");
                r.GetProperty("error").GetString().Should().Be("dry run");
                var events = File.ReadAllLines(Path.Combine(r.GetProperty("artifactDirectory").GetString()!, "history.jsonl"))
                    .Select(l => JsonDocument.Parse(l).RootElement).ToList();
                events.Where(e => e.GetProperty("kind").GetString() is "fault.injected" or "fault.healed")
                    .Where(e => !e.GetProperty("data").TryGetProperty("dry_run", out var d) || d.GetString() != "true")
                    .Should().BeEmpty("a fault is only recorded as done in a dry run");
            }

            File.ReadAllText(Path.Combine(records.Single(r => r.GetProperty("name").GetString()!.Contains("eth1", StringComparison.Ordinal))
                .GetProperty("artifactDirectory").GetString()!, "history.jsonl")).Should().Contain("fault.dry-run");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string bin, string dir)
    {
        // This very assembly, in a process of its own (the environment variables below are process-wide), running only the
        // drills: not another project's binary, which `dotnet test` on the solution may not have built yet.
        var suite = typeof(RackDrills).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in new[] { suite, "-class", typeof(RackDrills).FullName!, "-trait", "Category=smoke", "-noColor" }) start.ArgumentList.Add(a);
        start.Environment[DryRunSwitch.Variable] = "1";
        start.Environment["SANCHAOS_LAB"] = Path.Combine(Root, "lab", "hardware.example.yaml");
        start.Environment["SANCHAOS_RESULTS"] = Path.Combine(dir, "run", "scenarios.jsonl");
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (p.ExitCode, await stdout + await stderr);
    }
}
