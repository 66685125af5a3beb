using System.Globalization;
using SanChaos.Core.Errors;

namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>
/// Reads the output of <c>vagrant ssh-config</c>: one <c>Host NAME</c> block per machine with indented
/// <c>Key value</c> lines (Vagrant's <c>templates/commands/ssh_config/config.erb</c>): HostName, User, Port,
/// UserKnownHostsFile, StrictHostKeyChecking, IdentityFile (one or more, quoted when the path has a space),
/// ProxyCommand. Other keys (PasswordAuthentication, IdentitiesOnly, LogLevel, ...) are ignored.
/// </summary>
public static class VagrantSshConfig
{
    /// <summary>Every machine's endpoint, by Host name.</summary>
    /// <exception cref="SanChaosException">A block lacks HostName, or its Port is not a port number; the message quotes the line.</exception>
    public static IReadOnlyDictionary<string, VagrantSshEndpoint> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<string, VagrantSshEndpoint>(StringComparer.Ordinal);
        Block? block = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var space = line.IndexOfAny([' ', '\t']);
            var key = space < 0 ? line : line[..space];
            var value = space < 0 ? "" : Unquote(line[(space + 1)..].Trim());
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                if (block is not null) result[block.Host] = block.ToEndpoint();
                block = new Block(value, i + 1);
                continue;
            }

            if (block is null) continue; // text before the first Host block (none in Vagrant's output)
            switch (key.ToLowerInvariant())
            {
                case "hostname": block.HostName = value; break;
                case "user": block.User = value; break;
                case "port":
                    block.Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                        ? port
                        : throw new SanChaosException($"`vagrant ssh-config`, line {i + 1}: Port '{value}' of {block.Host} is not a port number.",
                            "Run `vagrant ssh-config` in the Vagrantfile's directory and check that machine's entry.");
                    break;
                case "identityfile": block.IdentityFiles.Add(value); break;
                case "userknownhostsfile": block.KnownHosts = value; break;
                case "stricthostkeychecking": block.Strict = !value.Equals("no", StringComparison.OrdinalIgnoreCase); break;
                case "proxycommand": block.ProxyCommand = value; break;
            }
        }

        if (block is not null) result[block.Host] = block.ToEndpoint();
        return result;
    }

    /// <summary>
    /// The endpoints of <paramref name="machines"/> from <paramref name="text"/>; a <see cref="SanChaosException"/> naming
    /// every machine without a block, the ones found, and the output, when one is missing.
    /// </summary>
    /// <param name="text">Output of <c>vagrant ssh-config</c>.</param>
    /// <param name="machines">The machines the lab needs.</param>
    /// <param name="directory">The Vagrantfile's directory, for the remedy.</param>
    public static IReadOnlyDictionary<string, VagrantSshEndpoint> Require(string text, IEnumerable<string> machines, string directory)
    {
        var all = Parse(text);
        var wanted = machines.ToArray();
        var missing = wanted.Where(m => !all.ContainsKey(m)).ToArray();
        if (missing.Length > 0)
            throw new SanChaosException(
                $"`vagrant ssh-config` in {directory} has no entry for {string.Join(", ", missing)} " +
                $"(it lists {(all.Count == 0 ? "no machine" : string.Join(", ", all.Keys))}):{Environment.NewLine}{Indent(text)}",
                $"Run `vagrant status` in {directory}: every machine of the inventory must be defined by the Vagrantfile and running " +
                "(the Vagrantfile reads the machines from the inventory named by SANCHAOS_LAB, default lab/vagrant.yaml: check both name the same lab).");
        return wanted.ToDictionary(m => m, m => all[m], StringComparer.Ordinal);
    }

    private static string Unquote(string v) => v.Length >= 2 && v[0] == '"' && v[^1] == '"' ? v[1..^1] : v;

    private static string Indent(string text) =>
        string.Join(Environment.NewLine, text.TrimEnd().Split('\n').Select(l => "  " + l.TrimEnd('\r')));

    private sealed class Block(string host, int line)
    {
        public string Host { get; } = host;

        public string? HostName { get; set; }

        public string User { get; set; } = "vagrant";

        public int Port { get; set; } = 22;

        public List<string> IdentityFiles { get; } = [];

        public string? KnownHosts { get; set; }

        public bool Strict { get; set; } = true;

        public string? ProxyCommand { get; set; }

        public VagrantSshEndpoint ToEndpoint() => new(Host,
            HostName ?? throw new SanChaosException($"`vagrant ssh-config`, line {line}: the entry of {Host} has no HostName.",
                "Run `vagrant ssh-config` in the Vagrantfile's directory; the machine may not be running (`vagrant up`)."),
            User, Port, IdentityFiles, KnownHosts, Strict, ProxyCommand);
    }
}
