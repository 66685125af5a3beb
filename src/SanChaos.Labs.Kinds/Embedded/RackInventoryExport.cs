using System.Text;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using YamlDotNet.RepresentationModel;

namespace SanChaos.Labs.Kinds.Embedded;

/// <summary>
/// Describes a running embedded lab as a rack: a <c>kind: hardware</c> inventory with the files a rack's inventory
/// names, so the rack lab's code (OpenSSH with the user's ssh_config, host keys checked, the PDU over the network,
/// cables cut at the node, the serial cable through its PDU relay, capture streamed from a capture host) drives the
/// embedded lab exactly as it would drive a rack. Written into one directory (mode 700):
/// <list type="bullet">
/// <item><c>rack.yaml</c>: the embedded inventory with <c>kind: hardware</c>, each node's <c>ssh:</c> (key, known_hosts,
///   config), the PDUs' real addresses, the Heartbeat key from a secret file and <c>capture:</c> on the client;</item>
/// <item><c>ssh_config</c>: a jump into the lab's network namespace (<c>ProxyCommand ip netns exec NS nc %h %p</c>), as a
///   user's ssh_config would name a jump host;</item>
/// <item><c>known_hosts</c>: each node's host key, read from the node itself (<c>/etc/ssh/ssh_host_ed25519_key.pub</c>);</item>
/// <item><c>heartbeat-authkey</c> (mode 600): the key in the nodes' <c>/etc/ha.d/authkeys</c>.</item>
/// </list>
/// </summary>
public static class RackInventoryExport
{
    /// <summary>The inventory file's name in the directory.</summary>
    public const string InventoryFile = "rack.yaml";

    /// <summary>The files written.</summary>
    /// <param name="Inventory">The rack inventory.</param>
    /// <param name="SshConfig">The ssh_config with the jump into the lab's namespace.</param>
    /// <param name="KnownHosts">The nodes' host keys.</param>
    /// <param name="AuthKey">The Heartbeat key (mode 600).</param>
    public sealed record Files(string Inventory, string SshConfig, string KnownHosts, string AuthKey);

    /// <summary>Writes the rack description of <paramref name="lab"/> into <paramref name="directory"/>.</summary>
    /// <param name="lab">A running embedded lab (in this process, or a keeper's).</param>
    /// <param name="sshKeyFile">The private key the lab's nodes accept.</param>
    /// <param name="directory">Where to write (created, mode 700).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Files> WriteAsync(ILab lab, string sshKeyFile, string directory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab is not IEmbeddedLabView view || lab is not IPduEndpoints pdus)
            throw new SanChaosException($"Lab {lab.Inventory.Name} is not a running embedded lab, so it cannot be described as a rack.", "bring the embedded lab up (`sanchaos lab up --detach`).");
        var inv = lab.Inventory;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var files = new Files(Path.Combine(directory, InventoryFile), Path.Combine(directory, "ssh_config"),
            Path.Combine(directory, "known_hosts"), Path.Combine(directory, "heartbeat-authkey"));

        var storage = inv.StorageNodes[0].Name;
        var authkeys = await Read(lab, storage, "cat /etc/ha.d/authkeys", ct).ConfigureAwait(false);
        var key = authkeys.Split('\n').Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                      .FirstOrDefault(w => w.Length == 3 && w[0] != "auth" && !w[0].StartsWith('#'))?[2]
                  ?? throw new SanChaosException($"{storage}'s /etc/ha.d/authkeys has no key line.", "is the lab provisioned? `sanchaos lab status`.");
        Core.Secrets.SecretFile.Write(files.AuthKey, key + "\n");

        var hosts = new StringBuilder();
        foreach (var n in inv.Nodes)
        {
            var pub = (await Read(lab, n.Name, "cat /etc/ssh/ssh_host_ed25519_key.pub", ct).ConfigureAwait(false)).Trim().Split(' ');
            if (pub.Length < 2) throw new SanChaosException($"{n.Name} has no ed25519 host key.", "rebuild the lab's image (`sanchaos lab down`, then up).");
            hosts.Append(n.Management).Append(' ').Append(pub[0]).Append(' ').Append(pub[1]).Append('\n');
        }

        await File.WriteAllTextAsync(files.KnownHosts, hosts.ToString(), ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(files.SshConfig,
            $"# The embedded lab {inv.Name} as a rack: its management network lives in network namespace {view.Topology.Namespace},\n" +
            "# reached the way a rack's would be through a jump host.\n" +
            $"Host {string.Join(' ', inv.Nodes.Select(n => n.Management))}\n" +
            $"    ProxyCommand ip netns exec {view.Topology.Namespace} nc %h %p\n", ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(files.Inventory, Inventory(inv, pdus, sshKeyFile, files), ct).ConfigureAwait(false);
        return files;
    }

    /// <summary>The rack inventory's text: the embedded inventory's own, changed where a rack differs.</summary>
    public static string Inventory(LabInventory inv, IPduEndpoints pdus, string sshKeyFile, Files files)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(inv.SourcePath))) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var lab = (YamlMappingNode)root["lab"];
        lab.Children[new YamlScalarNode("kind")] = new YamlScalarNode("hardware");
        foreach (var node in inv.Nodes)
        {
            var spec = (YamlMappingNode)((YamlMappingNode)root["nodes"])[node.Name];
            spec.Children.Remove(new YamlScalarNode("memory_mb"));
            spec.Children[new YamlScalarNode("ssh")] = Map(("key", sshKeyFile), ("known_hosts", files.KnownHosts), ("config", files.SshConfig));
        }

        foreach (var pdu in inv.Pdus)
            ((YamlMappingNode)((YamlMappingNode)root["pdus"])[pdu.Name]).Children[new YamlScalarNode("address")] = new YamlScalarNode(pdus.AddressOf(pdu));
        var sut = (YamlMappingNode)root["sut"];
        sut.Children.Remove(new YamlScalarNode("build"));
        ((YamlMappingNode)sut["heartbeat"]).Children[new YamlScalarNode("auth_key")] = Map(("file", files.AuthKey));
        // Gratuitous ARP is captured where a rack would capture it without a switch mirror port: on the client.
        var capture = new YamlMappingNode();
        foreach (var client in inv.Clients.Take(1))
            foreach (var i in client.Interfaces.Where(i => inv.Network(i.Network).Purpose is NetworkPurpose.StorageA or NetworkPurpose.StorageB))
                capture.Add(i.Network, Map(("host", client.Name), ("interface", i.Name)));
        root.Children[new YamlScalarNode("capture")] = capture;

        var text = new StringBuilder($"# The embedded lab {inv.Name} ({inv.SourcePath}) described as a rack by SanChaos: drills through this file use the\n" +
                                     "# rack lab's code against the running embedded lab. Written by RackInventoryExport; valid while that lab runs.\n");
        using var writer = new StringWriter(text);
        stream.Save(writer, assignAnchors: false);
        return text.ToString().TrimEnd('.', '\n', ' ') + "\n";
    }

    private static YamlMappingNode Map(params (string Key, string Value)[] entries)
    {
        var m = new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow };
        foreach (var (k, v) in entries) m.Add(k, v);
        return m;
    }

    private static async Task<string> Read(ILab lab, string node, string command, CancellationToken ct)
    {
        var r = await lab.Nodes[node].ExecAsync(command, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        return r.ExitCode == 0 ? r.StandardOutput
            : throw new SanChaosException($"`{command}` on {node} exited with {r.ExitCode}: {r.StandardError.Trim()}", "is the lab up and provisioned? `sanchaos lab status`.");
    }
}
