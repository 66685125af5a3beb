using System.CommandLine;
using FluentAssertions;
using SanChaos.Cli;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Loading;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Uml;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>
/// Every error the CLI meets ends in one clear error line (and what to do) and a non-zero exit, never a stack trace.
/// `lab up` runs as a process (the real Main, $SANCHAOS_LAB set for it alone) and always on an inventory that cannot load:
/// these tests never start a lab.
/// </summary>
public sealed class CliErrorTests : TempFolderTests
{
    [Fact]
    public async Task Lab_up_with_a_missing_inventory_names_it_and_how_to_choose_one()
    {
        var missing = Path.Combine(Temp, "rack9.yaml");
        var (exit, err) = await LabUpAsync(missing);
        exit.Should().Be(1);
        ShouldBeOneClearError(err).Should().Contain($"Lab inventory {missing} does not exist").And.Contain("SANCHAOS_LAB");
    }

    [Fact]
    public async Task Lab_up_with_malformed_yaml_names_the_file_and_line()
    {
        var inventory = Path.Combine(Temp, "broken.yaml");
        await File.WriteAllTextAsync(inventory, "lab:\n  name: x\n  kind: embedded\nnodes:\n  otter: { role: storage\n", TestContext.Current.CancellationToken);
        var (exit, err) = await LabUpAsync(inventory);
        exit.Should().Be(1);
        ShouldBeOneClearError(err).Should().MatchRegex($@"^error: {Escape(inventory)}:\d+:\d+: YAML syntax error").And.Contain("sanchaos inventory check");
    }

    [Fact]
    public async Task Lab_up_with_a_directory_for_the_inventory_says_it_is_not_a_file()
    {
        var (exit, err) = await LabUpAsync(Temp);
        exit.Should().Be(1);
        ShouldBeOneClearError(err).Should().Contain($"Lab inventory {Temp} is a directory, not a file.");
    }

    [Fact]
    public async Task Lab_up_with_an_inventory_under_a_file_cannot_read_it_and_says_so()
    {
        var file = Path.Combine(Temp, "plain");
        await File.WriteAllTextAsync(file, "not a directory", TestContext.Current.CancellationToken);
        var (exit, err) = await LabUpAsync(Path.Combine(file, "lab.yaml"));
        exit.Should().Be(1);
        ShouldBeOneClearError(err).Should().Contain($"{file}/lab.yaml does not exist");
    }

    [Fact]
    public async Task SANCHAOS_DEBUG_adds_the_full_exception()
    {
        var (exit, err) = await LabUpAsync(Path.Combine(Temp, "rack9.yaml"), debug: true);
        exit.Should().Be(1);
        err.Should().StartWith("error: ").And.Contain("SanChaosException").And.Contain("   at ");
    }

    [Fact]
    public async Task Inventory_check_reports_a_directory_and_a_path_under_a_file_and_checks_the_rest()
    {
        var file = Path.Combine(Temp, "plain");
        await File.WriteAllTextAsync(file, "not a directory", TestContext.Current.CancellationToken);
        var good = Path.Combine(Repository.Root(), "lab", "embedded.yaml");
        var (exit, output, err) = await InvokeAsync("inventory", "check", Temp, Path.Combine(file, "lab.yaml"), good);
        exit.Should().Be(1);
        output.Should().Contain($"{good}: ok");
        Lines(err).Should().HaveCount(4).And.Contain($"error: Lab inventory {Temp} is a directory, not a file.")
            .And.Contain($"error: Lab inventory {file}/lab.yaml does not exist.");
        err.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Preflight_as_a_user_says_the_embedded_lab_needs_root_and_the_sudo_command()
    {
        var (exit, err) = await PreflightAsync(new HostFacts(IsRoot: false, TunExists: true));
        exit.Should().Be(1);
        Lines(ShouldBeOneClearError(err)).Should().Equal(
            "error: the embedded lab needs root (it creates network namespaces, TAP devices and user-mode Linux machines)",
            "What to do: run `sudo sanchaos lab up`.");
    }

    [Fact]
    public async Task Preflight_without_dev_net_tun_says_how_to_get_it_on_a_host_and_in_a_container()
    {
        var (exit, err) = await PreflightAsync(new HostFacts(IsRoot: true, TunExists: false));
        exit.Should().Be(1);
        ShouldBeOneClearError(err).Should().StartWith("error: /dev/net/tun is missing")
            .And.Contain("modprobe tun").And.Contain("--device /dev/net/tun");
    }

    [Fact]
    public async Task Preflight_names_both_problems_in_one_error()
    {
        var (_, err) = await PreflightAsync(new HostFacts(IsRoot: false, TunExists: false));
        ShouldBeOneClearError(err).Should().Contain("needs root").And.Contain("/dev/net/tun is missing").And.Contain("sudo sanchaos lab up").And.Contain("modprobe tun");
    }

    [Fact]
    public void Preflight_passes_as_root_with_tun_and_checks_nothing_for_a_hardware_lab()
    {
        var embedded = InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml"));
        FluentActions.Invoking(() => LabFactory.Preflight(embedded, "run `sudo sanchaos lab up`.", new HostFacts(IsRoot: true, TunExists: true))).Should().NotThrow();
        HostPreflight.Problems(new HostFacts(IsRoot: true, TunExists: true), "x").Should().BeEmpty();
        var hardware = embedded with { Kind = Inventory.Model.LabKind.Hardware };
        FluentActions.Invoking(() => LabFactory.Preflight(hardware, "x", new HostFacts(IsRoot: false, TunExists: false))).Should().NotThrow();
    }

    [Fact]
    public void Errors_of_any_kind_become_error_lines_with_what_to_do()
    {
        Report(new SanChaosException("Something broke.", "fix it.")).Should().Be((1, "error: Something broke.\nWhat to do: fix it.\n"));
        Report(new SanChaosException("No hint.")).Should().Be((1, "error: No hint.\n"));
        Report(new AggregateException(new SanChaosException("One."), new SanChaosException("Two.", "both.")))
            .Should().Be((1, "error: One.\nerror: Two.\nWhat to do: both.\n"));
        Report(new UnauthorizedAccessException("Access to the path '/var/lib/sanchaos/lab.lock' is denied.")).Err
            .Should().Be("error: Access to the path '/var/lib/sanchaos/lab.lock' is denied.\nWhat to do: run it as root (`sudo sanchaos ...`), or give this user access to that path.\n");
        Report(new DirectoryNotFoundException("Could not find a part of the path '/nope'.")).Err.Should().StartWith("error: Could not find a part of the path '/nope'.\nWhat to do: check the path");
        Report(new IOException("No space left on device")).Err.Should().Contain("free space");
        Report(new YamlDotNet.Core.YamlException(new YamlDotNet.Core.Mark(0, 3, 7), new YamlDotNet.Core.Mark(0, 3, 8), "bad indentation")).Err
            .Should().StartWith("error: YAML error at line 3, column 7: bad indentation\n");
        Report(new InvalidOperationException("boom"), 2).Should().Be((2,
            "error: InvalidOperationException: boom\nWhat to do: this is unexpected: run again with SANCHAOS_DEBUG=1 for the details and report them with the command you ran.\n"));
    }

    [Fact]
    public void A_cancelled_run_says_cancelled_and_exits_130_but_a_timeout_is_an_error()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var err = new StringWriter();
        CliErrors.Report(new OperationCanceledException(cancelled.Token), err, ct: cancelled.Token).Should().Be(130);
        err.ToString().Should().Be("cancelled\n");
        Report(new TaskCanceledException("The request timed out.")).Should().Be((1,
            "error: TaskCanceledException: The request timed out.\nWhat to do: this is unexpected: run again with SANCHAOS_DEBUG=1 for the details and report them with the command you ran.\n"));
    }

    [Fact]
    public void Inventory_check_accepts_a_rack_that_skips_host_key_checking_and_warns()
    {
        var rack = Path.Combine(Temp, "rack2.yaml");
        File.WriteAllText(rack, File.ReadAllText(Path.Combine(Repository.Root(), "lab", "hardware.example.yaml"))
            .Replace("  known_hosts: ~/.ssh/known_hosts_rack2", "  known_hosts: none", StringComparison.Ordinal));
        var (output, error) = (new StringWriter(), new StringWriter());
        Cli.Commands.InventoryCommands.Check([rack], output, error).Should().Be(0);
        output.ToString().Should().StartWith($"{rack}: ok");
        error.ToString().Should().StartWith("warning: the host keys of otter, weasel, badger are not checked");
    }

    [Fact]
    public void An_error_line_never_shows_a_registered_secret_whatever_the_exception()
    {
        var secret = "pdu-" + Guid.NewGuid().ToString("N");
        Core.Secrets.Redactor.Register(secret);
        Report(new IOException($"cannot write {secret}")).Err.Should().Be("error: cannot write ***\nWhat to do: check the path, its permissions and the free space, then try again.\n");
        Report(new InvalidOperationException($"odd {secret}")).Err.Should().StartWith("error: InvalidOperationException: odd ***\n");
        CliErrors.Lines(new AggregateException(new SanChaosException($"login {secret} refused", $"check {secret}")))
            .Should().Equal("error: login *** refused", "What to do: check ***");
    }

    private static (int Exit, string Err) Report(Exception e, int errorExit = 1)
    {
        var err = new StringWriter();
        var exit = CliErrors.Report(e, err, errorExit);
        return (exit, err.ToString());
    }

    private static async Task<(int Exit, string Err)> PreflightAsync(HostFacts host)
    {
        var inventory = InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml"));
        var err = new StringWriter();
        // What `lab up` does first with the inventory, with this machine's facts replaced (nothing after it runs).
        var exit = await CliErrors.RunAsync(err, () =>
        {
            LabFactory.Preflight(inventory, "run `sudo sanchaos lab up`.", host);
            return Task.FromResult(0);
        });
        return (exit, err.ToString());
    }

    private static async Task<(int Exit, string Out, string Err)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Program.BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>`dotnet sanchaos.dll lab up` with $SANCHAOS_LAB = <paramref name="inventory"/> (never a loadable inventory).</summary>
    private async Task<(int Exit, string Err)> LabUpAsync(string inventory, bool debug = false)
    {
        inventory.Should().NotBeNullOrWhiteSpace("an empty $SANCHAOS_LAB would pick lab/embedded.yaml and start a lab");
        var (exit, stdout, stderr) = await SanchaosProcess.RunAsync(inventory, Temp, debug, "lab", "up", "--exit");
        stdout.Should().BeEmpty();
        return (exit, stderr);
    }

    /// <summary>Asserts one or two lines, the first `error: ...`, no stack frame; returns the text.</summary>
    private static string ShouldBeOneClearError(string err)
    {
        var lines = Lines(err);
        lines.Should().HaveCountGreaterThanOrEqualTo(1).And.HaveCountLessThanOrEqualTo(2, err);
        lines[0].Should().StartWith("error: ");
        err.Should().NotContain("   at ");
        return err.TrimEnd();
    }


    private static string Escape(string s) => System.Text.RegularExpressions.Regex.Escape(s);
}
