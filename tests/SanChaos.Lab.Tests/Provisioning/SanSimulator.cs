using SanChaos.Core.Commands;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Lab.Tests.Provisioning;

/// <summary>
/// A stateful fake of the embedded lab's SAN that answers exactly the commands of commands.yaml (as
/// rendered for each node): DRBD meta data, up, roles and disk states; LVM; Heartbeat taking the group to
/// the preferred node once both run; iSCSI records, sessions; udev's WWID; multipathd building the map when
/// multipath.conf carries the WWID the disks report.
/// </summary>
internal sealed class SanSimulator
{
    private readonly FakeLab lab;
    private readonly Dictionary<string, StorageSim> storage = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public SanSimulator()
    {
        lab = new FakeLab(TestFiles.Embedded());
        ReportedWwid = SutValues.For(lab.Inventory).Wwid;
        foreach (var n in lab.Inventory.StorageNodes) storage[n.Name] = new StorageSim();
        foreach (var n in storage.Keys) Wire(n);
        WireClient("badger");
    }

    public FakeLab Lab => lab;

    public string ReportedWwid { get; set; }

    public bool FailDrbdUp { get; set; }

    public bool NeverConnect { get; set; }

    public int MetaDataCreated { get; private set; }

    public int ForcedPrimaries { get; private set; }

    public int SkippedInitialSyncs { get; private set; }

    public int VolumesCreated { get; private set; }

    public string? Holder { get; private set; }

    public HashSet<string> Sessions { get; } = new(StringComparer.Ordinal);

    public bool MultipathdRunning { get; private set; }

    public int MultipathdReconfigured { get; private set; }

    /// <summary>Power loss and reboot of a storage node: DRBD down, heartbeat stopped, the peer takes over.</summary>
    public void PowerCycle(string node)
    {
        lock (gate)
        {
            var s = storage[node];
            s.Attached = false;
            s.Role = "Secondary";
            s.Heartbeat = false;
            if (Holder == node)
            {
                Holder = storage.Keys.Single(n => n != node);
                storage[Holder].Role = "Primary";
            }
        }
    }

    private static CommandResult Ok(string stdout = "") => FakeNode.Ok(stdout);

    private void On(string node, string key, Func<CommandResult> f, Func<SutValues, SutValues>? with = null)
    {
        var cmd = lab.Command(node, key, with);
        lab.Nodes[node].Handlers.Add(c => c == cmd ? f() : null);
    }

    private string Peer(string node) => storage.Keys.Single(n => n != node);

    private void Wire(string n)
    {
        var me = storage[n];
        On(n, "mkdirs", () => Ok(), v => v.With("dirs", "/etc/drbd.d /etc/lvm /etc/ha.d /etc/init.d /etc/ha.d/resource.d /etc/sanchaos /etc/modules-load.d"));
        On(n, "modules_storage", () => Ok());
        On(n, "drbd_attached", () => me.Attached ? Ok() : FakeNode.Fail(1));
        On(n, "drbd_create_md", () => { lock (gate) { if (!me.MetaData) { me.MetaData = true; MetaDataCreated++; } } return Ok(); });
        On(n, "drbd_up", () =>
        {
            if (FailDrbdUp) return new CommandResult(10, "", "r0: Failure: (114) Lower device is already claimed.\n");
            me.Attached = true;
            return Ok();
        });
        On(n, "proc_drbd", () =>
        {
            lock (gate)
            {
                const string version = "version: 8.4.11 (api:1/proto:86-101)\nsrcversion: 5F6D0D3C6E8F29A9B1B1F0A\n";
                if (!me.Attached) return Ok(version);
                var peer = storage[Peer(n)];
                var connected = peer.Attached && !NeverConnect;
                return Ok(version + $" 0: cs:{(connected ? "Connected" : "WFConnection")} ro:{me.Role}/{(connected ? peer.Role : "Unknown")} " +
                    $"ds:{me.Disk}/{(connected ? peer.Disk : "DUnknown")} C r-----\n    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n");
            }
        });
        On(n, "drbd_dstate", () => Ok($"{me.Disk}/{storage[Peer(n)].Disk}\n"));
        On(n, "drbd_force_primary", () =>
        {
            lock (gate)
            {
                ForcedPrimaries++;
                me.Role = "Primary";
                foreach (var s in storage.Values) s.Disk = "UpToDate";
            }

            return Ok();
        });
        On(n, "drbd_skip_initial_sync", () =>
        {
            lock (gate)
            {
                if (storage.Values.Any(s => s.Disk != "Inconsistent" || s.Role != "Secondary"))
                    return new CommandResult(10, "", "0: Failure: (151) Need to be StandAlone\n");
                SkippedInitialSyncs++;
                foreach (var s in storage.Values) s.Disk = "UpToDate";
            }

            return Ok();
        });
        On(n, "drbd_primary", () =>
        {
            if (storage[Peer(n)].Role == "Primary") return new CommandResult(11, "", "r0: State change failed: (-1) Multiple primaries not allowed by config\n");
            me.Role = "Primary";
            return Ok();
        });
        On(n, "drbd_secondary", () => { me.Role = "Secondary"; return Ok(); });
        On(n, "lvm_pv", () => Ok());
        On(n, "lvm_vg", () => Ok());
        On(n, "lvm_lv", () => { lock (gate) { if (!me.VolumeSeen) { VolumesCreated++; foreach (var s in storage.Values) s.VolumeSeen = true; } } return Ok(); });
        On(n, "lvm_deactivate", () => Ok());
        On(n, "hb_status", () => me.Heartbeat ? Ok("Heartbeat is running on this machine.\n") : new CommandResult(2, "Heartbeat is stopped on this machine.\n", ""));
        On(n, "hb_start", () =>
        {
            lock (gate)
            {
                me.Heartbeat = true;
                if (Holder is null && storage.Values.All(s => s.Heartbeat))
                {
                    Holder = lab.Inventory.PreferredNode;
                    storage[Holder].Role = "Primary";
                }
            }

            return Ok();
        });
        On(n, "hb_nodestatus", () => Ok(storage[Peer(n)].Heartbeat ? "active\n" : "dead\n"));
        On(n, "hb_rscstatus", () => Ok(Holder == n ? "local\n" : "none\n"));
        On(n, "ip_addresses", () => Ok(TestFiles.Sample(Holder == n ? "ip-addr-holder.recorded.txt" : "ip-addr-idle.recorded.txt")));
        On(n, "target_status", () => Holder == n ? Ok("running\n") : new CommandResult(3, "stopped\n", ""));
        // The on-node wait (a 10 s window, ProvisionerOptions.FullCheckEvery) answers at once here: the holder's
        // target runs from the moment heartbeat gives it the group.
        On(n, "target_wait", () => Holder == n ? Ok() : new CommandResult(3, "", ""), v => v.With("seconds", "10"));
    }

    private void WireClient(string n)
    {
        var running = false;
        var records = new HashSet<string>(StringComparer.Ordinal);
        On(n, "mkdirs", () => Ok(), v => v.With("dirs", "/etc/iscsi /etc /etc/modules-load.d"));
        On(n, "modules_client", () => Ok());
        On(n, "iscsid_running", () => running ? Ok() : FakeNode.Fail(3));
        On(n, "iscsid_start", () => { running = true; return Ok(); });
        var values = SutValues.For(lab.Inventory, n);
        values.TryGetList("floating_ips", out var fips);
        foreach (var portal in fips.Select(f => f["portal"]))
        {
            On(n, "iscsi_node_ensure", () => { records.Add(portal); return Ok(); }, v => v.With("portal", portal));
            foreach (var (param, template) in CommandCatalog.Default.IscsiNodeParameters)
            {
                var value = CommandCatalog.Fill(template, values, param);
                On(n, "iscsi_node_update", () => records.Contains(portal) ? Ok() : FakeNode.Fail(21, "iscsiadm: No records found\n"),
                    v => v.With("portal", portal).With("param", param).With("value", value));
            }

            On(n, "iscsi_login_once", () =>
            {
                if (!records.Contains(portal) || Holder is null) return FakeNode.Fail(8, "iscsiadm: connection login retries (reopen_max) 5 exceeded\n");
                lock (gate) Sessions.Add(portal);
                return Ok();
            }, v => v.With("portal", portal));
        }

        On(n, "iscsi_sessions_detail", () =>
        {
            lock (gate)
            {
                if (Sessions.Count == 0) return new CommandResult(21, "", "iscsiadm: No active sessions.\n");
                var text = "Target: iqn.2009-02.com.example:test (non-flash)\n";
                var sid = 0;
                foreach (var p in Sessions.Order(StringComparer.Ordinal))
                    text += $"\tCurrent Portal: {p},1\n\tPersistent Portal: {p},1\n\t\tSID: {++sid}\n\t\tiSCSI Connection State: LOGGED IN\n\t\tiSCSI Session State: LOGGED_IN\n\t\tInternal iscsid Session State: NO CHANGE\n";
                return Ok(text);
            }
        });
        On(n, "session_wwids", () => Sessions.Count == 0 ? Ok() : Ok(ReportedWwid + "\n"));
        On(n, "multipathd_ensure", () =>
        {
            if (MultipathdRunning) MultipathdReconfigured++;
            MultipathdRunning = true;
            return Ok();
        });
        On(n, "multipath_paths", () =>
        {
            if (!MultipathdRunning) return new CommandResult(1, "", "can't connect to the multipathd socket\n");
            var conf = lab.Nodes[n].Uploads.TryGetValue("/etc/multipath.conf", out var c) ? c.Content : "";
            var map = conf.Contains($"wwid                {ReportedWwid}", StringComparison.Ordinal) ? "mpio" : ReportedWwid;
            var devs = new[] { "sda", "sdb" }.Take(Sessions.Count);
            return Ok(string.Concat(devs.Select(d => $"{d}|active|ready|running|{map}\n")));
        });
    }

    private sealed class StorageSim
    {
        public bool MetaData { get; set; }

        public bool Attached { get; set; }

        public bool VolumeSeen { get; set; }

        public string Role { get; set; } = "Secondary";

        public string Disk { get; set; } = "Inconsistent";

        public bool Heartbeat { get; set; }
    }
}
