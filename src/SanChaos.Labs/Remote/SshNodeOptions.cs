using System.Text;
using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Remote;

/// <summary>
/// How <see cref="SshNode"/> reaches one node with the system OpenSSH client. Every option and its default:
/// <list type="bullet">
/// <item><see cref="Name"/> (required): the node's inventory name; names its control socket.</item>
/// <item><see cref="Host"/> (required): management address or host name.</item>
/// <item><see cref="Port"/>: 22. <see cref="User"/>: root.</item>
/// <item><see cref="IdentityFile"/>: null (ssh's default keys); when set, only that key is offered.</item>
/// <item><see cref="KnownHostsFile"/>: null = accept any host key and remember none
///   (<c>StrictHostKeyChecking=no</c>, <c>UserKnownHostsFile=/dev/null</c>; the embedded lab's nodes get new keys
///   on every build); a path = strict checking against that file (hardware labs).</item>
/// <item><see cref="ConnectTimeout"/>: 10 s. <see cref="ServerAliveInterval"/>: 5 s and
///   <see cref="ServerAliveCountMax"/>: 3 (a dead node is noticed after ~15 s; zero interval disables).</item>
/// <item><see cref="ControlDirectory"/>: <c>/tmp/sanchaos-ssh-PID</c>; give a run-specific, short directory.
///   The control socket is <c>DIR/NAME.sock</c> and must stay under <see cref="MaxControlPathBytes"/> bytes.</item>
/// <item><see cref="CommandPrefix"/>: empty; e.g. <c>["ip","netns","exec","sanchaos-ab12cd34"]</c> to run ssh in the
///   lab's network namespace.</item>
/// <item><see cref="DefaultTimeout"/>: 60 s, for commands run without an explicit timeout.</item>
/// <item><see cref="UseSshConfig"/>: false = ignore ~/.ssh/config and /etc/ssh/ssh_config (<c>-F /dev/null</c>), so
///   runs do not depend on the harness user's settings; true for labs that need jump hosts from the config (racks,
///   <see cref="ForRack"/>).</item>
/// <item><see cref="ConfigFile"/>: null; an ssh_config file read instead of the user's and the system's (<c>-F FILE</c>),
///   whatever <see cref="UseSshConfig"/> says.</item>
/// <item><see cref="ExtraOptions"/>: empty; more <c>-o Key=Value</c> options, passed as given.</item>
/// <item><see cref="SshExecutable"/>: "ssh" (looked up in PATH).</item>
/// </list>
/// </summary>
/// <param name="Name">The node's inventory name: letters, digits, '.', '_', '-'.</param>
/// <param name="Host">Management address or host name.</param>
public sealed record SshNodeOptions(string Name, string Host)
{
    /// <summary>
    /// Longest control socket path accepted. A unix socket path holds 107 bytes, and ssh binds the master's socket
    /// under a temporary name 17 bytes longer (<c>PATH.XXXXXXXXXXXXXXXX</c>) before renaming it.
    /// </summary>
    public const int MaxControlPathBytes = 107 - 17;

    /// <summary>SSH port; default 22.</summary>
    public int Port { get; init; } = 22;

    /// <summary>Remote user; default root.</summary>
    public string User { get; init; } = "root";

    /// <summary>Private key to log in with; default null (ssh's defaults and agent).</summary>
    public string? IdentityFile { get; init; }

    /// <summary>known_hosts file for strict host key checking; default null (no checking, nothing remembered).</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>TCP connect and handshake timeout; default 10 s (rounded up to whole seconds).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keep-alive probe interval; default 5 s; zero disables keep-alives.</summary>
    public TimeSpan ServerAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Unanswered keep-alives before the connection is declared dead; default 3.</summary>
    public int ServerAliveCountMax { get; init; } = 3;

    /// <summary>Directory of the control socket (created 0700 if missing); default <c>/tmp/sanchaos-ssh-PID</c>.</summary>
    public string ControlDirectory { get; init; } = $"/tmp/sanchaos-ssh-{Environment.ProcessId}";

    /// <summary>Command that ssh is run under, e.g. <c>ip netns exec NS</c>; default empty.</summary>
    public IReadOnlyList<string> CommandPrefix { get; init; } = [];

    /// <summary>Timeout of commands run without one; default 60 s.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Read the user's and system's ssh_config; default false (<c>-F /dev/null</c>).</summary>
    public bool UseSshConfig { get; init; }

    /// <summary>An ssh_config file to read instead of the user's and the system's (<c>-F FILE</c>); default null.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>More ssh options as <c>Key=Value</c> (each passed with <c>-o</c>); default empty.</summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];

    /// <summary>
    /// Open the control master again before a command when it died (a node that lost power and came back), at most every
    /// 30 s; default false (the embedded lab reopens it itself when it boots a node). Racks set it (<see cref="ForRack"/>).
    /// </summary>
    public bool ReopenMaster { get; init; }

    /// <summary>The ssh client executable; default "ssh".</summary>
    public string SshExecutable { get; init; } = "ssh";

    /// <summary>The control master's socket: <c>ControlDirectory/Name.sock</c>.</summary>
    public string ControlPath => Path.Combine(ControlDirectory, Name + ".sock");

    /// <summary>
    /// How the harness, and a person with <c>sanchaos lab ssh</c>, reach a rack's node: its management address with the
    /// inventory's user, port, key and known_hosts (strict checking; none only where the inventory says
    /// <c>known_hosts: none</c>), through the user's ssh_config (jump hosts, agents) or the inventory's <c>ssh.config</c>.
    /// </summary>
    /// <param name="node">The node as the inventory describes it.</param>
    public static SshNodeOptions ForRack(NodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new SshNodeOptions(node.Name, node.Management.ToString())
        {
            Port = node.Ssh.Port,
            User = node.Ssh.User,
            IdentityFile = node.Ssh.KeyFile,
            KnownHostsFile = node.Ssh.KnownHostsFile,
            UseSshConfig = true,
            ConfigFile = node.Ssh.ConfigFile,
            ReopenMaster = true,
        };
    }

    /// <summary><c>user@host:port</c>, for messages.</summary>
    public string Endpoint => $"{User}@{Host}:{Port}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name) || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"SSH node name \"{Name}\" must be letters, digits, '.', '_' or '-'.", nameof(Name));
        if (string.IsNullOrWhiteSpace(Host) || Host.StartsWith('-') || Host.Any(char.IsWhiteSpace))
            throw new ArgumentException($"SSH host \"{Host}\" of node {Name} is not a host name or address.", nameof(Host));
        if (Port is < 1 or > 65535)
            throw new ArgumentException($"SSH port {Port} of node {Name} is not between 1 and 65535.", nameof(Port));
        if (string.IsNullOrWhiteSpace(User) || User.StartsWith('-') || User.Any(char.IsWhiteSpace))
            throw new ArgumentException($"SSH user \"{User}\" of node {Name} is not a user name.", nameof(User));
        if (ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"ConnectTimeout of node {Name} must be positive.", nameof(ConnectTimeout));
        if (ServerAliveInterval < TimeSpan.Zero || ServerAliveCountMax < 1)
            throw new ArgumentException($"ServerAliveInterval of node {Name} must be zero or positive and ServerAliveCountMax at least 1.", nameof(ServerAliveInterval));
        if (DefaultTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"DefaultTimeout of node {Name} must be positive.", nameof(DefaultTimeout));
        if (!Path.IsPathFullyQualified(ControlDirectory))
            throw new ArgumentException($"ControlDirectory \"{ControlDirectory}\" of node {Name} must be an absolute path.", nameof(ControlDirectory));
        var bytes = Encoding.UTF8.GetByteCount(ControlPath);
        if (bytes > MaxControlPathBytes)
            throw new ArgumentException(
                $"The SSH control socket path \"{ControlPath}\" of node {Name} is {bytes} bytes; unix sockets allow {MaxControlPathBytes} here. Use a shorter ControlDirectory, e.g. /tmp/sanchaos-<run id>.",
                nameof(ControlDirectory));
        if (ConfigFile is not null && string.IsNullOrWhiteSpace(ConfigFile))
            throw new ArgumentException($"ConfigFile of node {Name} is blank; give a path or null.", nameof(ConfigFile));
        if (CommandPrefix.Any(string.IsNullOrEmpty))
            throw new ArgumentException($"CommandPrefix of node {Name} has an empty element.", nameof(CommandPrefix));
        if (ExtraOptions.Any(o => string.IsNullOrWhiteSpace(o) || !o.Contains('=')))
            throw new ArgumentException($"ExtraOptions of node {Name} must each be Key=Value.", nameof(ExtraOptions));
    }
}
