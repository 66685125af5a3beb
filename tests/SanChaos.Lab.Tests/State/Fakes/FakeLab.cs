using SanChaos.Core.Commands;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Lab.Tests.State.Fakes;

/// <summary>Fake nodes for an inventory; answers are registered by command name from commands.yaml.</summary>
internal sealed class FakeLab
{
    public FakeLab(LabInventory inventory)
    {
        Inventory = inventory;
        Nodes = inventory.Nodes.ToDictionary(n => n.Name, n => new FakeNode(n.Name), StringComparer.Ordinal);
    }

    public LabInventory Inventory { get; }

    public Dictionary<string, FakeNode> Nodes { get; }

    public IReadOnlyDictionary<string, INode> AsNodes => Nodes.ToDictionary(kv => kv.Key, kv => (INode)kv.Value, StringComparer.Ordinal);

    public static CommandCatalog Catalog => CommandCatalog.Default;

    /// <summary>The command <paramref name="key"/> as it is run on <paramref name="node"/>.</summary>
    public string Command(string node, string key, Func<SutValues, SutValues>? with = null)
    {
        var v = SutValues.For(Inventory, node);
        return Catalog.Command(key, with is null ? v : with(v));
    }

    public FakeLab Answer(string node, string key, string stdout, int exit = 0, Func<SutValues, SutValues>? with = null)
    {
        Nodes[node].Answers[Command(node, key, with)] = new CommandResult(exit, stdout, "");
        return this;
    }

    /// <summary>A healthy storage node: DRBD from a sample, heartbeat running with the given rscstatus, addresses, target.</summary>
    public FakeLab Storage(string node, string procDrbdSample, string rscstatus, string ipSample, bool target)
    {
        Answer(node, "proc_drbd", TestFiles.Sample(procDrbdSample));
        Answer(node, "hb_status", "Heartbeat is running on this machine.\n");
        Answer(node, "hb_rscstatus", rscstatus + "\n");
        Answer(node, "hb_nodestatus", "active\n");
        Answer(node, "ip_addresses", TestFiles.Sample(ipSample));
        Answer(node, "target_status", target ? "running\n" : "stopped\n", target ? 0 : 3);
        return this;
    }

    /// <summary>
    /// The embedded lab in steady state: weasel holds the group, badger has two active paths (the outputs recorded on
    /// the lab before the power cut of 2026-11-29).
    /// </summary>
    public static FakeLab Healthy()
    {
        var lab = new FakeLab(TestFiles.Embedded());
        lab.Storage("weasel", "proc-drbd-8.4-weasel-connected-primary-secondary.recorded.txt", "local", "ip-addr-holder.recorded.txt", target: true);
        lab.Storage("otter", "proc-drbd-8.4-otter-connected-secondary-primary.recorded.txt", "none", "ip-addr-idle.recorded.txt", target: false);
        lab.Answer("badger", "ping_from", "1 packets transmitted, 1 received\n", with: v => v.With("interface", "eth1").With("address", "192.168.1.1"));
        lab.Answer("badger", "ping_from", "1 packets transmitted, 1 received\n", with: v => v.With("interface", "eth2").With("address", "192.168.2.1"));
        lab.Client("badger", "two-active");
        lab.BlockDevice("badger");
        return lab;
    }

    /// <summary>
    /// The client's <c>iscsiadm -m session -P 1</c> and <c>multipathd show paths</c> as recorded at one instant of the
    /// power loss of weasel (two-active, both-failed-transport-wait, both-free-failed, reinstating).
    /// </summary>
    public FakeLab Client(string node, string instant)
    {
        Answer(node, "iscsi_sessions_detail", TestFiles.Sample($"iscsiadm-session-P1-{instant}.recorded.txt"));
        return Answer(node, "multipath_paths", TestFiles.Sample($"multipathd-paths-raw-{instant}.recorded.txt"));
    }

    /// <summary>Makes <paramref name="node"/> emulate the probe block: dd writes the uploaded file, dd|sha256sum reads it back.</summary>
    public FakeLab BlockDevice(string node, Func<string, string>? corrupt = null)
    {
        var fake = Nodes[node];
        var write = Command(node, "probe_write");
        var read = Command(node, "probe_read_sha256");
        var file = SutValues.For(Inventory, node)["probe_file"];
        string? stored = null;
        fake.Handlers.Add(cmd =>
        {
            if (cmd == write)
            {
                stored = fake.Uploads[file].Content;
                return FakeNode.Ok();
            }

            if (cmd != read) return null;
            var content = corrupt is null ? stored ?? "" : corrupt(stored ?? "");
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(content)));
            return FakeNode.Ok($"{hash}  -\n");
        });
        return this;
    }
}
