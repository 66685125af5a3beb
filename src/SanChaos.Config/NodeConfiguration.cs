using SanChaos.Config.Drbd;
using SanChaos.Config.Heartbeat;
using SanChaos.Config.Iscsi;
using SanChaos.Config.Lvm;
using SanChaos.Config.Multipath;
using SanChaos.Config.Network;
using SanChaos.Config.Sources;
using SanChaos.Inventory.Model;

namespace SanChaos.Config;

/// <summary>One node's configuration, parsed: whatever of ha.cf, haresources, authkeys, DRBD, LVM, arp_filter, the iSCSI target (LIO, tgt),
/// open-iscsi and multipath it has.</summary>
public sealed class NodeConfiguration
{
    private static readonly string[] StorageFiles = ["ha.cf", "haresources", "authkeys", "drbd.conf"];
    private static readonly string[] ClientFiles = ["iscsid.conf", "multipath.conf", "iscsiadm-node-records.txt", "iscsiadm-m-node.txt"];

    internal NodeConfiguration(CollectedNode node)
    {
        Name = node.Name;
        Files = node.Files;
        var d = new List<ConfigDiagnostic>();
        foreach (var f in node.Files) NonBreakingSpaces(f, d);
        HaCf = Parse("ha.cf", f => Heartbeat.HaCf.Parse(f, d));
        HaResources = Parse("haresources", f => Heartbeat.HaResources.Parse(f, d));
        AuthKeys = Parse("authkeys", f => Heartbeat.AuthKeys.Parse(f, d));
        Drbd = DrbdConf.Parse(node.Files, d);
        Lvm = LvmConf.Parse(node.Files, d);
        ArpFilter = Parse("sysctl-arp_filter.txt", f => ArpFilterSysctl.Parse(f, d));
        Iscsid = Parse("iscsid.conf", f => IscsidConf.Parse(f, d));
        IscsiRecords = Parse("iscsiadm-node-records.txt", f => IscsiNodeRecord.ParseAll(f, d)) ?? [];
        IscsiNodes = Parse("iscsiadm-m-node.txt", f => IscsiNodeEntry.ParseAll(f, d)) ?? [];
        LioTarget = Parse("lio-target.conf", LioTargetConf.Parse);
        LioTpgs = Parse("lio-tpg.txt", f => LioTpg.ParseAll(f, d)) ?? [];
        TgtTargets = TgtTarget.ParseAll(node.Files.Where(f => f.Path == "tgt/targets.conf"
            || (f.Path.StartsWith("tgt/conf.d/", StringComparison.Ordinal) && f.Path.EndsWith(".conf", StringComparison.Ordinal))), d);
        Multipath = Parse("multipath.conf", f => MultipathConf.Parse(f, d));
        MultipathShown = Parse("multipathd-show-config.txt", f => MultipathConf.Parse(f, d));
        Diagnostics = d;
        Role = node.Role
               ?? (StorageFiles.Any(f => File(f) is not null) || Drbd is not null ? NodeRole.Storage
                   : ClientFiles.Any(f => File(f) is not null) ? NodeRole.Client : null);
    }

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>Storage or client: from the inventory, else from its files (Heartbeat or DRBD: storage; open-iscsi or multipath: client); null when neither.</summary>
    public NodeRole? Role { get; }

    /// <summary>Every file collected.</summary>
    public IReadOnlyList<ConfigFile> Files { get; }

    /// <summary>What the parsers found wrong in this node's files.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    /// <summary>ha.cf, or null.</summary>
    public HaCf? HaCf { get; }

    /// <summary>haresources, or null.</summary>
    public HaResources? HaResources { get; }

    /// <summary>authkeys, or null.</summary>
    public AuthKeys? AuthKeys { get; }

    /// <summary>drbd.conf and its includes, or null.</summary>
    public DrbdConf? Drbd { get; }

    /// <summary>The LVM device filters, or null.</summary>
    public LvmConf? Lvm { get; }

    /// <summary>The arp_filter sysctls, or null.</summary>
    public ArpFilterSysctl? ArpFilter { get; }

    /// <summary>iscsid.conf, or null.</summary>
    public IscsidConf? Iscsid { get; }

    /// <summary>The node records (<c>iscsiadm -m node -T -p</c> output); empty when not collected.</summary>
    public IReadOnlyList<IscsiNodeRecord> IscsiRecords { get; }

    /// <summary>The <c>iscsiadm -m node</c> list; empty when not collected.</summary>
    public IReadOnlyList<IscsiNodeEntry> IscsiNodes { get; }

    /// <summary>SanChaos's LIO target configuration (<c>/etc/sanchaos/lio-target.conf</c>), or null.</summary>
    public LioTargetConf? LioTarget { get; }

    /// <summary>The LIO portal groups in configfs (the holder's only); empty when none or not collected.</summary>
    public IReadOnlyList<LioTpg> LioTpgs { get; }

    /// <summary>The targets of tgt's configuration; empty when none or not collected.</summary>
    public IReadOnlyList<TgtTarget> TgtTargets { get; }

    /// <summary>multipath.conf, or null.</summary>
    public MultipathConf? Multipath { get; }

    /// <summary><c>multipathd show config</c> (the configuration merged with the built-in hardware table), or null.</summary>
    public MultipathConf? MultipathShown { get; }

    /// <summary>The file at <paramref name="path"/>, or null.</summary>
    public ConfigFile? File(string path) => Files.FirstOrDefault(f => f.Path == path);

    /// <summary>The DRBD resource haresources hands to drbddisk (<c>drbddisk::r0</c>), else the first one; null without DRBD.</summary>
    public DrbdResource? DrbdResource
    {
        get
        {
            var name = HaResources?.Groups.SelectMany(g => g.Resources).FirstOrDefault(r => r.Agent == "drbddisk")?.Args.FirstOrDefault();
            return (name is null ? null : Drbd?.Resource(name)) ?? Drbd?.Resources.FirstOrDefault();
        }
    }

    private static void NonBreakingSpaces(ConfigFile file, List<ConfigDiagnostic> diagnostics)
    {
        var lines = file.Lines.Select((l, i) => (l, i)).Where(x => x.l.Contains('\u00A0')).Select(x => x.i + 1).ToArray();
        if (lines.Length > 0)
            diagnostics.Add(new ConfigDiagnostic(file.At(lines[0]), Severity.Error,
                $"non-breaking spaces (U+00A0) on {lines.Length} line{(lines.Length == 1 ? "" : "s")}, first here: text pasted from a web page; " +
                "drbdadm, multipathd, Heartbeat and iscsid split words on ASCII blanks only and read them as part of the words around them " +
                "(SanChaos reads them as blanks to check the rest)",
                "ASCII spaces or tabs"));
    }

    private T? Parse<T>(string path, Func<ConfigFile, T> parse) where T : class => File(path) is { } f ? parse(f) : null;
}
