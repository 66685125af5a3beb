using System.CommandLine;
using System.CommandLine.Parsing;
using System.ComponentModel;
using System.Diagnostics;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Hands;
using SanChaos.Labs.Remote;
using SanChaos.Labs.Uml;
using SanChaos.Session;

namespace SanChaos.Cli.Commands;

/// <summary>
/// Hands on the lab: <c>sanchaos lab ssh NODE [COMMAND...]</c> (a shell or one command on a node, like
/// <c>vagrant ssh</c>) and <c>sanchaos lab console NODE</c> (an embedded node's console log, followed).
/// </summary>
internal static class LabHandsCommands
{
    /// <summary>How often <c>lab console</c> looks for more console output.</summary>
    private static readonly TimeSpan ConsolePoll = TimeSpan.FromMilliseconds(200);

    /// <summary><c>lab ssh NODE [COMMAND...]</c>.</summary>
    public static Command Ssh()
    {
        var node = new Argument<string>("node") { Description = "The node, e.g. otter." };
        var command = new Argument<string[]>("command") { Description = "A command to run instead of a shell (its options are passed as given).", Arity = ArgumentArity.ZeroOrMore };
        var ssh = new Command("ssh",
            "A shell on a node of the lab (or one command, then its exit code), with the system ssh client: in the running embedded " +
            "lab's network namespace with the lab's key, or on a rack's management address with your ssh config and the inventory's user and key.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        ssh.Arguments.Add(node);
        ssh.Arguments.Add(command);
        ssh.SetGuardedAction((parse, _) => SshAsync(parse.GetValue(node)!, RemoteCommand(parse)));
        return ssh;
    }

    /// <summary><c>lab console NODE [--lines N] [--no-follow]</c>.</summary>
    public static Command Console()
    {
        var node = new Argument<string>("node") { Description = "The node, e.g. weasel." };
        var lines = new Option<int>("--lines", "-n") { Description = "How many of its last lines to print first.", DefaultValueFactory = _ => 40 };
        lines.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--lines must be 0 or more.");
        });
        var noFollow = new Option<bool>("--no-follow") { Description = "Print the last lines and exit instead of following the log." };
        var console = new Command("console",
            "The console log of a node of the running embedded lab: its last lines, then what it prints (across power cycles) until Ctrl-C or the lab goes down.");
        console.Arguments.Add(node);
        console.Options.Add(lines);
        console.Options.Add(noFollow);
        console.SetGuardedAction((parse, ct) => ConsoleAsync(parse.GetValue(node)!, parse.GetValue(lines), !parse.GetValue(noFollow),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return console;
    }

    /// <summary>
    /// The tokens after the node, in order and as typed: the command's own options (<c>multipath -ll</c>) are not ours.
    /// A <c>--</c> right after the node is dropped (ssh gets its own).
    /// </summary>
    internal static IReadOnlyList<string> RemoteCommand(ParseResult parse)
    {
        var tokens = parse.Tokens.ToList();
        var at = tokens.FindIndex(t => t.Type == TokenType.Command && t.Value == "ssh");
        var node = tokens.FindIndex(at + 1, t => t.Type == TokenType.Argument);
        if (node < 0) return [];
        var first = node + 1 < tokens.Count && tokens[node + 1].Type == TokenType.DoubleDash ? node + 2 : node + 1;
        return tokens.Skip(first).Select(t => t.Value).ToArray();
    }

    private static LabInventory LoadInventory() => InventoryLoader.LoadForRun(InventoryLoader.ResolvePath(SharedLab.RepositoryRoot()));

    private static async Task<int> SshAsync(string name, IReadOnlyList<string> command)
    {
        var inventory = LoadInventory();
        // As every run on a rack that skips host key checking (LabFactory.Create), a session says so first.
        if (HostKeyWarning.For(inventory) is { } warning) System.Console.Error.WriteLine(warning);
        var terminal = !System.Console.IsInputRedirected;
        var argv = inventory.Kind switch
        {
            LabKind.Embedded => EmbeddedArgv(name, command, terminal),
            LabKind.Hardware => LabSshCommand.Hardware(inventory, name, command, terminal),
            LabKind.Vagrant => throw new SanChaosException($"`sanchaos lab ssh` does not reach the nodes of a Vagrant lab ({inventory.SourcePath}) yet.",
                $"run `vagrant ssh {name}` in {inventory.Vagrant?.Directory ?? "the lab's Vagrantfile directory"}, then `sudo -i`."),
            _ => throw new SanChaosException($"{inventory.SourcePath} describes a {Kind(inventory)} lab, which this build of SanChaos cannot drive yet.",
                "use the embedded lab or a hardware inventory."),
        };
        var start = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
        foreach (var a in argv.Skip(1)) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new SanChaosException($"Cannot start `{HostCommand.Format(argv)}`: {e.Message}.",
                $"install {argv[0]} (`apt-get install {(argv[0] == "ip" ? "iproute2 openssh-client" : "openssh-client")}`).", e);
        }

        using (process)
        {
            // Ctrl-C reaches ssh too (or, on a terminal, the remote side): its exit is the answer, whatever our token says.
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return process.ExitCode;
        }
    }

    private static IReadOnlyList<string> EmbeddedArgv(string name, IReadOnlyList<string> command, bool terminal)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new SanChaosException("`lab ssh` into the embedded lab needs root (it enters the lab's network namespace and uses root's lab key).",
                $"run `sudo sanchaos lab ssh {name}{string.Concat(command.Select(c => " " + c))}`.");
        return LabSshCommand.ForRun(LabSshCommand.RunningLab(UmlLab.ListRuns()), name, command, terminal);
    }

    private static async Task<int> ConsoleAsync(string name, int lines, bool follow, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var inventory = LoadInventory();
        if (inventory.Kind != LabKind.Embedded)
            throw new SanChaosException(
                $"The consoles of {Kind(inventory)} lab {inventory.Name}'s nodes are their serial consoles (the rack's serial console server), which `lab console` cannot reach from here.",
                $"open {name}'s console on the console server; `sanchaos lab ssh {name}` gives a shell while it is up.");
        var run = LabSshCommand.RunningLab(UmlLab.ListRuns());
        var node = LabSshCommand.Node(run, name, "console");
        var follower = new LogFollower(node.ConsoleLog, output, ConsolePoll);
        var end = await follower.RunAsync(lines, follow, () => UmlLab.ListRuns().Any(r => r.RunId == run.RunId && r.NamespaceExists), ct).ConfigureAwait(false);
        if (end == FollowEnd.SourceGone) error.WriteLine($"The embedded lab run {run.RunId} ended.");
        return 0;
    }

    private static string Kind(LabInventory inventory) => inventory.Kind.ToString().ToLowerInvariant();
}
