using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SanChaos.Core.Errors;
using SanChaos.Core.Secrets;
using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Provisioning;

/// <summary>Derives <see cref="SutValues"/> from an inventory; checks what the SAN's configuration needs.</summary>
internal static class SutValueBuilder
{
    public static SutValues Build(LabInventory inv, string? nodeName, CommandCatalog catalog, string? wwid)
    {
        var sut = inv.Sut;
        var s = new Dictionary<string, string>(StringComparer.Ordinal);
        var f = new Dictionary<string, bool>(StringComparer.Ordinal);
        var l = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);

        CheckTarget(inv, catalog);
        var storage = inv.StorageNodes;
        if (storage.Count != 2)
            throw Problem(inv, $"a Heartbeat v1 pair needs exactly two storage nodes, the inventory has {storage.Count}",
                "declare two nodes with `role: storage`.");
        var replication = inv.Network(NetworkPurpose.Replication);

        s["header"] = $"Rendered by SanChaos from {Path.GetFileName(inv.SourcePath)} (lab {inv.Name}); changes made on the node are overwritten.";
        s["lab"] = inv.Name;

        // DRBD and LVM
        var d = sut.Drbd;
        s["resource"] = d.Resource;
        s["protocol"] = d.Protocol.ToString();
        s["port"] = Num(d.Port);
        s["device"] = d.Device;
        s["minor"] = DrbdMinor(inv, d.Device);
        s["sync_rate"] = d.SyncRate;
        s["vg"] = d.VolumeGroup;
        s["lv"] = d.LogicalVolume;
        s["lv_size"] = d.LogicalVolumeSize;
        s["backing_device"] = $"/dev/{d.VolumeGroup}/{d.LogicalVolume}";
        s["replication_network"] = replication.Name;
        l["storage_nodes"] = storage.Select(n => Item(
            ("name", n.Name),
            ("disk", n.DrbdDisk ?? throw Problem(inv, $"storage node {n.Name} has no drbd_disk", $"add `drbd_disk: /dev/...` to node {n.Name} ({n.Location}).")),
            ("address", (n.InterfaceOn(replication.Name) ?? throw Problem(inv, $"storage node {n.Name} has no interface on the replication network {replication.Name}",
                $"add an interface with `network: {replication.Name}` to node {n.Name} ({n.Location}).")).Address.Address.ToString()))).ToArray();

        // Heartbeat
        var hb = sut.Heartbeat;
        s["keepalive"] = HeartbeatTime(hb.Keepalive);
        s["deadtime"] = HeartbeatTime(hb.Deadtime);
        s["warntime"] = HeartbeatTime(hb.Warntime);
        s["initdead"] = HeartbeatTime(hb.Initdead);
        s["udpport"] = Num(hb.UdpPort);
        s["baud"] = Num(hb.Baud);
        s["auto_failback"] = hb.AutoFailback ? "on" : "off";
        s["auth_method"] = hb.AuthMethod;
        s["auth_key"] = AuthKey(inv);
        s["preferred"] = inv.PreferredNode;
        if (storage.All(n => n.Name != inv.PreferredNode))
            throw Problem(inv, $"heartbeat.preferred_node '{inv.PreferredNode}' is not a storage node",
                $"use one of: {string.Join(", ", storage.Select(n => n.Name))}.");

        // Floating IPs: the interface must have the same name on both storage nodes (haresources is shared).
        var client = inv.Clients.FirstOrDefault();
        l["floating_ips"] = inv.FloatingIps.Select(fip =>
        {
            var names = storage.Select(n => n.InterfaceOn(fip.Network)?.Name).Distinct().ToArray();
            if (names.Length != 1 || names[0] is null)
                throw Problem(inv, $"floating IP {fip.Address} ({fip.Location}): the storage nodes need an interface of the same name on network {fip.Network}, found {string.Join(", ", storage.Select(n => $"{n.Name}={n.InterfaceOn(fip.Network)?.Name ?? "none"}"))}",
                    "haresources is identical on both nodes; give the interfaces on that network the same name.");
            return Item(
                ("address", fip.Address.Address.ToString()),
                ("prefix", Num(fip.Address.PrefixLength)),
                ("cidr", fip.Address.ToString()),
                ("interface", names[0]!),
                ("network", fip.Network),
                ("portal", $"{fip.Address.Address}:{sut.Target.Port}"),
                ("client_interface", client?.InterfaceOn(fip.Network)?.Name ?? ""));
        }).ToArray();

        // iSCSI target
        var t = sut.Target;
        s["iqn"] = ShellSafe(inv, "iscsi_target.iqn", t.Iqn);
        s["unit_serial"] = ShellSafe(inv, "iscsi_target.unit_serial", t.UnitSerial);
        s["target_port"] = Num(t.Port);
        s["target_port_hex"] = t.Port.ToString("X4", CultureInfo.InvariantCulture);
        s["target_implementation"] = t.Implementation;
        foreach (var impl in IscsiTargetConfig.Implementations) f[impl] = impl == t.Implementation;
        if (t.Implementation == "tgt") CheckTgtSerial(inv, t.UnitSerial);
        l["clients"] = inv.Clients.Select(c => Item(("name", c.Name), ("initiator_name", InitiatorName(t.Iqn, c.Name)))).ToArray();
        ChapValues.Add(inv, s, f);

        // iSCSI initiator
        var i = sut.Initiator;
        s["iscsi_startup"] = i.Startup;
        s["noop_out_interval"] = Seconds(i.NoopOutInterval);
        s["noop_out_timeout"] = Seconds(i.NoopOutTimeout);
        s["replacement_timeout"] = Seconds(i.ReplacementTimeout);

        // Multipath
        var m = sut.Multipath;
        s["alias"] = m.Alias;
        s["polling_interval"] = Seconds(m.PollingInterval);
        s["path_selector"] = m.Selector;
        s["path_grouping_policy"] = m.PathGroupingPolicy;
        s["path_checker"] = m.PathChecker;
        s["failback"] = m.Failback;
        s["no_path_retry"] = m.NoPathRetry;
        s["rr_min_io_rq"] = Num(m.RrMinIo);
        f["fast_io_fail_tmo"] = m.FastIoFailTmo is not null;
        s["fast_io_fail_tmo"] = m.FastIoFailTmo is { } fio ? Seconds(fio) : "";
        s["fast_io_fail_tmo_text"] = m.FastIoFailTmo is { } fio2 ? $"{Seconds(fio2)} s" : "multipath-tools' default, 5 s";

        // Catalog values (names of agents, scripts, probe location), which may use the values above, then the target's own
        // (targets: in commands.yaml), which may also use the catalog values and the target values before them.
        var partial = new SutValues(s, f, l);
        foreach (var (k, v) in catalog.Values) s[k] = TemplateEngine.RenderLine(v, partial, $"commands.yaml values.{k}");
        foreach (var (k, v) in catalog.TargetValues(t.Implementation))
            s[k] = TemplateEngine.RenderLine(v, partial, $"commands.yaml targets.{t.Implementation}.{k}");
        s["wwid"] = wwid ?? (t.Implementation == "tgt"
            ? TgtWwid.FromScsiId(t.UnitSerial)
            : LioWwid.FromUnitSerial(t.UnitSerial, s.GetValueOrDefault("lio_company_id", LioWwid.DefaultCompanyId)));

        // Per node
        f["bcast"] = false;
        f["serial"] = false;
        if (nodeName is not null)
        {
            var node = inv.Node(nodeName);
            s["node"] = node.Name;
            s["initiator_name"] = InitiatorName(t.Iqn, node.Name);
            if (node.Role == NodeRole.Storage)
            {
                var repl = node.InterfaceOn(replication.Name)!;
                s["bcast_interface"] = repl.Name;
                f["bcast"] = hb.Bcast;
                s["serial_port"] = node.SerialPort ?? "";
                f["serial"] = hb.Serial && inv.Serial is not null && node.SerialPort is not null;
                if (hb.Serial && inv.Serial is not null && node.SerialPort is null)
                    throw Problem(inv, $"storage node {node.Name} has no serial_port but the lab has a serial cable",
                        $"add `serial_port: /dev/ttyS1` (or the right device) to node {node.Name} ({node.Location}).");
                if (!f["bcast"] && !f["serial"])
                    throw Problem(inv, "Heartbeat would have no communication path (bcast and serial both off)",
                        "set heartbeat.bcast or heartbeat.serial to true.");
                s["drbd_disk"] = node.DrbdDisk!;
                s["drbd_disk_pattern"] = Regex.Escape(node.DrbdDisk!);
                s["peer"] = storage.First(n => n.Name != node.Name).Name;
            }
        }

        return new SutValues(s, f, l);
    }

    /// <summary>Refuses a target that commands.yaml does not describe (its <c>targets:</c> section).</summary>
    public static void CheckTarget(LabInventory inv, CommandCatalog catalog)
    {
        var impl = inv.Sut.Target.Implementation;
        if (catalog.TargetNames.Contains(impl, StringComparer.Ordinal)) return;
        throw Problem(inv, $"iscsi_target.implementation '{impl}' is not one the SanChaos provisioner knows ({catalog.Origin} describes {string.Join(" and ", catalog.TargetNames)})",
            $"use `implementation: {string.Join("` or `", catalog.TargetNames)}`, or describe the target under `targets:` in {CommandCatalog.FileName}.");
    }

    /// <summary>tgt passes the serial to tgtadm as <c>scsi_id=...,scsi_sn=...</c> and keeps 36 characters of it.</summary>
    private static void CheckTgtSerial(LabInventory inv, string serial)
    {
        if (serial.Length <= TgtWwid.MaxScsiIdLength && !serial.Contains(',', StringComparison.Ordinal) && !serial.Contains('=', StringComparison.Ordinal)) return;
        throw Problem(inv, $"iscsi_target.unit_serial '{serial}' cannot be tgt's scsi_id: {(serial.Length > TgtWwid.MaxScsiIdLength ? $"it has {serial.Length} characters, tgt keeps {TgtWwid.MaxScsiIdLength}" : "tgtadm reads ',' and '=' as separators")}",
            $"use at most {TgtWwid.MaxScsiIdLength} letters, digits and .-:_ (e.g. sanchaos-test-0).");
    }

    /// <summary>Heartbeat's time syntax: whole seconds as a number, else milliseconds with "ms".</summary>
    public static string HeartbeatTime(TimeSpan t) =>
        t.Ticks % TimeSpan.TicksPerSecond == 0 ? Num((long)t.TotalSeconds) : $"{Num((long)Math.Round(t.TotalMilliseconds))}ms";

    /// <summary>Whole seconds, rounded up (open-iscsi and multipath-tools take integers).</summary>
    public static string Seconds(TimeSpan t) => Num((long)Math.Ceiling(t.TotalSeconds));

    /// <summary>The client's initiator name: the target IQN's naming authority with the node name.</summary>
    public static string InitiatorName(string targetIqn, string node)
    {
        var colon = targetIqn.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? $"{targetIqn[..colon]}:{node}" : $"{targetIqn}:{node}";
    }

    /// <summary>
    /// The <c>authkeys</c> key: the inventory's secret, or for the embedded lab only a key derived from its name (a rack's
    /// Heartbeat would sign with a key anyone can compute); registered with <see cref="Redactor"/> either way.
    /// </summary>
    private static string AuthKey(LabInventory inv)
    {
        var key = inv.Sut.Heartbeat.AuthKey?.Resolve();
        if (key is null)
        {
            if (inv.Kind != LabKind.Embedded)
                throw Problem(inv, "sut.heartbeat.auth_key is missing; only the embedded lab may sign heartbeats with a key derived from its name",
                    HeartbeatConfig.AuthKeyFix(inv.Name));
            // No key configured (embedded lab): derive one from the lab name, identical on both nodes and
            // stable across runs, so re-provisioning one node never splits the cluster.
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"sanchaos heartbeat authkeys\n{inv.Name}"));
            key = "sanchaos-" + Convert.ToHexStringLower(hash)[..32];
            Redactor.Register(key);
        }

        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            throw Problem(inv, $"the Heartbeat key from {inv.Sut.Heartbeat.AuthKey?.Describe()} is empty or contains white space",
                "put a single word (no blanks) in the secret.");
        return key;
    }

    private static string DrbdMinor(LabInventory inv, string device)
    {
        var m = Regex.Match(device, @"(\d+)$");
        return m.Success ? m.Groups[1].Value
            : throw Problem(inv, $"drbd.device '{device}' does not end in a minor number", "use /dev/drbd<N>, e.g. /dev/drbd0.");
    }

    private static string ShellSafe(LabInventory inv, string key, string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$' or '`')
            ? value
            : throw Problem(inv, $"{key} '{value}' is empty or contains white space, quotes, '\\', '$' or '`'",
                "it is written into shell-sourced files and command lines; use letters, digits and .-:_ only.");

    private static IReadOnlyDictionary<string, string> Item(params (string Key, string Value)[] fields) =>
        fields.ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);

    internal static SanChaosException Problem(LabInventory inv, string what, string fix) =>
        new($"Lab {inv.Name} ({inv.SourcePath}): {what}.", fix);
}
