using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Remote;
using SanChaos.Labs.Uml;

namespace SanChaos.Labs.Hands;

/// <summary>
/// The argument vector of <c>sanchaos lab ssh NODE [COMMAND...]</c>: the system OpenSSH client with the options the
/// harness itself uses (<see cref="SshClientArguments"/>), minus BatchMode and the control socket: a person may be
/// asked for a password or passphrase. <c>-t</c> only for a shell on a terminal; a command follows <c>--</c>.
/// Pure: it reads nothing and starts nothing.
/// </summary>
public static class LabSshCommand
{
    /// <summary>How a user starts an embedded lab that keeps running (the fix of "no lab is running").</summary>
    public const string StartLab = "start one with `sanchaos lab up --detach`.";

    /// <summary>
    /// The embedded lab that runs on this machine: of <paramref name="runs"/> (<see cref="UmlLab.ListRuns"/>), the
    /// newest whose network namespace exists.
    /// </summary>
    /// <exception cref="SanChaosException">None runs.</exception>
    public static UmlRunStatus RunningLab(IEnumerable<UmlRunStatus> runs) =>
        runs.Where(r => r.NamespaceExists).OrderByDescending(r => r.Created).FirstOrDefault()
        ?? throw new SanChaosException("No embedded lab is running on this machine.", StartLab);

    /// <summary>The node <paramref name="name"/> of <paramref name="run"/>.</summary>
    /// <param name="run">The running lab.</param>
    /// <param name="name">The node asked for.</param>
    /// <param name="command">The lab subcommand asked (<c>ssh</c>, <c>console</c>), for the fix.</param>
    /// <exception cref="SanChaosException">The run has no such node (the error lists its nodes).</exception>
    public static UmlNodeStatus Node(UmlRunStatus run, string name, string command) =>
        run.Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new SanChaosException(
            $"The embedded lab (run {run.RunId}) has no node \"{name}\"; its nodes are {string.Join(", ", run.Nodes.Select(n => n.Name))}.",
            run.Nodes.Count == 0 ? "" : $"name one of them, e.g. `sanchaos lab {command} {run.Nodes[0].Name}`.");

    /// <summary>
    /// <c>ip netns exec NS ssh ... -o IdentityFile=KEY ... ADDRESS [-- COMMAND...]</c> for node <paramref name="name"/> of
    /// <paramref name="run"/>.
    /// </summary>
    /// <param name="run">The running lab (<see cref="RunningLab"/>).</param>
    /// <param name="name">The node.</param>
    /// <param name="command">The command to run; empty for a shell.</param>
    /// <param name="terminal">Standard input is a terminal.</param>
    /// <param name="keyFile">The lab's private key; default <see cref="UmlLab.DefaultSshKeyFile"/>.</param>
    /// <exception cref="SanChaosException">No such node, or it is not running.</exception>
    public static IReadOnlyList<string> ForRun(UmlRunStatus run, string name, IReadOnlyList<string> command, bool terminal,
        string keyFile = UmlLab.DefaultSshKeyFile)
    {
        var node = Node(run, name, "ssh");
        if (!node.Powered)
            throw new SanChaosException($"Node {name} is powered off (its PDU outlet is off).",
                $"wait until it is powered on again (a drill heals its power faults when it ends); `sanchaos lab console {name}` shows it boot.");
        if (!node.Running)
            throw new SanChaosException($"Node {name}'s kernel is not running (its outlet is on: it crashed, was killed or is being restarted).",
                $"`sanchaos lab console {name}` shows what it printed last.");
        return Embedded(run.Namespace, name, node.ManagementAddress, command, terminal, keyFile);
    }

    /// <summary>The argument vector for a node of an embedded lab, from plain values.</summary>
    /// <param name="namespace">The lab's network namespace.</param>
    /// <param name="name">The node's name.</param>
    /// <param name="address">Its management address (inside the namespace).</param>
    /// <param name="command">The command to run; empty for a shell.</param>
    /// <param name="terminal">Standard input is a terminal.</param>
    /// <param name="keyFile">The lab's private key.</param>
    public static IReadOnlyList<string> Embedded(string @namespace, string name, string address, IReadOnlyList<string> command, bool terminal,
        string keyFile = UmlLab.DefaultSshKeyFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        return Argv(new SshNodeOptions(name, address)
        {
            IdentityFile = keyFile,
            CommandPrefix = ["ip", "netns", "exec", @namespace],
        }, command, terminal);
    }

    /// <summary>
    /// <c>ssh ... ADDRESS [-- COMMAND...]</c> for node <paramref name="name"/> of a rack, as the harness logs in
    /// (<see cref="SshNodeOptions.ForRack"/>): the user's ssh config (or the inventory's <c>ssh.config</c>) applies; user,
    /// port, key and known_hosts as the inventory says.
    /// </summary>
    /// <param name="inventory">The lab's inventory.</param>
    /// <param name="name">The node.</param>
    /// <param name="command">The command to run; empty for a shell.</param>
    /// <param name="terminal">Standard input is a terminal.</param>
    /// <exception cref="SanChaosException">The inventory has no such node (the error lists its nodes).</exception>
    public static IReadOnlyList<string> Hardware(LabInventory inventory, string name, IReadOnlyList<string> command, bool terminal)
    {
        return Argv(SshNodeOptions.ForRack(inventory.Node(name)), command, terminal);
    }

    private static IReadOnlyList<string> Argv(SshNodeOptions options, IReadOnlyList<string> command, bool terminal)
    {
        ArgumentNullException.ThrowIfNull(command);
        options.Validate();
        string[] tty = terminal && command.Count == 0 ? ["-t"] : [];
        string[] remote = command.Count == 0 ? [] : ["--", .. command];
        return [.. options.CommandPrefix, options.SshExecutable, .. SshClientArguments.Options(options, harness: false), .. tty, options.Host, .. remote];
    }
}
