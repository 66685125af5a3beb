using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Inventory.Model;
using SanChaos.Labs.State;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// Builds the ordered, idempotent provisioning plan from the inventory. Every command comes from
/// commands.yaml; this class only decides order, nodes, skip checks and waits.
/// </summary>
internal sealed class ProvisionPlanBuilder
{
    private readonly LabInventory inv;
    private readonly ProvisionerOptions o;
    private readonly SutRenderer renderer;
    private readonly CommandCatalog cat;
    private readonly ProbeContext ctx;
    private readonly ProvisionRun run;

    public ProvisionPlanBuilder(LabInventory inventory, IReadOnlyDictionary<string, INode> nodes, ProvisionerOptions options,
        SutRenderer renderer, ProvisionRun run)
    {
        inv = inventory;
        o = options;
        this.renderer = renderer;
        cat = renderer.Catalog;
        ctx = new ProbeContext(inventory, nodes, cat, options.CommandTimeout);
        this.run = run;
    }

    private IReadOnlyList<string> Storage => ctx.StorageNodes;

    private IReadOnlyList<string> Clients => inv.Clients.Select(c => c.Name).ToArray();

    private string Preferred => inv.PreferredNode;

    private string Resource => ctx.Values()["resource"];

    private string Cmd(string key, string node, Func<SutValues, SutValues>? with = null) => ctx.Command(key, node, with);

    public IReadOnlyList<ProvisionStage> Build()
    {
        var stages = new List<ProvisionStage>
        {
            Stage("configuration files", Storage.Select(FilesStep)),
            Stage("kernel modules", Storage.Select(n => Step(ctx.Values()["modules_step"], ProvisionPhase.Modules, n,
                "the node's kernel lacks a module: check /lib/modules/$(uname -r) (the image must carry drbd, dm-multipath, target_core_*, iscsi_target_mod, iscsi_tcp).",
                commands: [Cmd("modules_storage", n)]))),
            Stage("DRBD meta data", Storage.Select(n => Step($"create DRBD meta data on {ctx.Values(n)["drbd_disk"]} unless present", ProvisionPhase.Drbd, n,
                $"drbdmeta could not write meta data: check that {ctx.Values(n)["drbd_disk"]} exists, is not mounted or used by LVM, and `drbdadm dump {Resource}` parses /etc/drbd.d/{Resource}.res.",
                commands: [Cmd("drbd_create_md", n)], skipIf: Cmd("drbd_attached", n)))),
            Stage("DRBD up", Storage.Select(n => Step($"drbdadm up {Resource}", ProvisionPhase.Drbd, n,
                $"check `drbdadm dump {Resource}` and that the node's hostname (uname -n) matches an `on` section of /etc/drbd.d/{Resource}.res.",
                commands: [Cmd("drbd_up", n)], skipIf: Cmd("drbd_attached", n)))),
            Stage("DRBD connected", [WaitStep("wait until DRBD connects", ProvisionPhase.Drbd, new DrbdCondition(ctx, DrbdExpectation.Connected), o.DrbdConnectTimeout)]),
            Stage("DRBD initial sync source", [InitialSyncStep()]),
            Stage("DRBD in sync", [WaitStep("wait until both disks are UpToDate", ProvisionPhase.Drbd, new DrbdCondition(ctx, DrbdExpectation.ConnectedUpToDate), o.DrbdSyncTimeout)]),
            Stage("LVM volume", [Step($"create volume group {ctx.Values()["vg"]} and volume {ctx.Values()["lv"]} on {ctx.Values()["device"]} unless present; hand DRBD back to Heartbeat", ProvisionPhase.Lvm, Preferred,
                $"see the command's output. If `drbdadm primary` failed the peer is Primary: run `vgchange -a n {ctx.Values()["vg"]}; drbdadm secondary {Resource}` there first.",
                commands: [Cmd("drbd_primary", Preferred), Cmd("lvm_pv", Preferred), Cmd("lvm_vg", Preferred), Cmd("lvm_lv", Preferred),
                    Cmd("lvm_deactivate", Preferred), Cmd("drbd_secondary", Preferred)],
                skipWhen: SkipWhenHeartbeatRuns)]),
            Stage("Heartbeat start", Storage.Select(n => Step("start heartbeat", ProvisionPhase.HeartbeatMembership, n,
                "see /var/log/ha-log on the node: /etc/ha.d/authkeys must be mode 600, node names must match `uname -n`.",
                commands: [Cmd("hb_start", n)], skipIf: Cmd("hb_status", n)))),
            Stage("Heartbeat membership", [WaitStep("wait until both Heartbeats see each other", ProvisionPhase.HeartbeatMembership,
                new HeartbeatMembershipCondition(ctx), o.MembershipTimeout ?? inv.Sut.Heartbeat.Initdead + TimeSpan.FromSeconds(30))]),
            Stage("resource group", [WaitStep("wait until one node holds the resource group", ProvisionPhase.ResourceStart,
                // Watched through the target's own status (the group's last resource), in a loop on the nodes, and checked
                // in full only then: the full check (cl_status, ip, /proc/drbd on both nodes) every second cost the
                // starting agents about 15 s of a 64 s start.
                new GatedCondition(new TargetRunningGate(ctx, o.FullCheckEvery), new ResourceGroupCondition(ctx), o.FullCheckEvery, o.Time),
                o.ResourceStartTimeout)]),
        };

        if (Clients.Count == 0) return stages;
        // The client track: prepared while the storage nodes provision, logged in once they hold the group.
        stages.Add(ClientStage("client configuration files", Clients.Select(n => FilesStep(n) with { Phase = ProvisionPhase.ClientPrepare })));
        stages.Add(ClientStage("client kernel modules", Clients.Select(n => Step("load dm-multipath and iscsi_tcp", ProvisionPhase.ClientPrepare, n,
            "the node's kernel lacks dm_multipath, dm_round_robin or iscsi_tcp: check /lib/modules/$(uname -r).",
            commands: [Cmd("modules_client", n)]))));
        stages.Add(ClientStage("iscsid", Clients.Select(n => Step("start iscsid", ProvisionPhase.ClientPrepare, n,
            "see `journalctl -u iscsid` on the node.", commands: [Cmd("iscsid_start", n)], skipIf: Cmd("iscsid_running", n)))));
        stages.Add(ClientStage("iSCSI node records", Clients.Select(n => Step(
            Chap ? "create node records for every portal and set their timeouts and CHAP settings" : "create node records for every portal and set their timeouts",
            ProvisionPhase.ClientPrepare, n, "see the command's output; `iscsiadm -m node` lists the records.", commands: NodeRecordCommands(n)))));
        stages.Add(ClientStage("iSCSI login", Clients.Select(n => Step("log in on every portal", ProvisionPhase.IscsiLogin, n,
            $"a portal refused the login: ping it from the right interface; on the holder check `{ctx.Values()["target_portals_show"]}`." +
            (Chap ? $" With CHAP, `journalctl -u iscsid` on {n} says \"authentication failed\" when the user or secret in {ctx.Values()["iscsid_conf"]} differs from the target's." : ""),
            commands: Portals.Select(p => Cmd("iscsi_login_once", n, v => v.With("portal", p))).ToArray(),
            wait: Waiting(new IscsiLoggedInCondition(ctx, n), o.LoginTimeout)))) with { After = [ProvisionStage.StorageTrack] });
        stages.Add(ClientStage("LUN WWID", Clients.Select(n => Step("check the LUN's WWID against multipath.conf", ProvisionPhase.MultipathReady, n,
            "see the error.", action: token => CheckWwidAsync(n, token)))));
        stages.Add(ClientStage("multipath", Clients.Select(n => Step("start (or reconfigure) multipathd", ProvisionPhase.MultipathReady, n,
            "see `journalctl -u multipathd` and `multipath -v3` on the node.", commands: [Cmd("multipathd_ensure", n)],
            wait: Waiting(new MultipathPathsCondition(ctx, n), o.MultipathTimeout)))));
        return stages;
    }

    /// <summary>
    /// The first provisioning's way to two UpToDate disks. Backing disks known to be blank on both nodes (the
    /// embedded lab creates them as new sparse files) are identical already: a new current UUID with a cleared
    /// bitmap marks both UpToDate without copying (DRBD 8.4 user's guide, "Skipping initial resync"). Otherwise
    /// the preferred node is forced Primary and becomes the source of a full initial sync.
    /// </summary>
    private ProvisionStep InitialSyncStep() => o.DrbdDisksAreBlank
        ? Step("skip the initial sync: both backing disks are blank (first provisioning only)", ProvisionPhase.Drbd, Preferred,
            "new-current-uuid needs both disks Connected, Secondary and Inconsistent/Inconsistent: check /proc/drbd on both nodes.",
            commands: [Cmd("drbd_skip_initial_sync", Preferred)], skipWhen: SkipUnlessBothInconsistent)
        : Step($"make {Preferred} the initial sync source (first provisioning only)", ProvisionPhase.Drbd, Preferred,
            "the forced promotion failed: check /proc/drbd on both nodes (both must be Connected, Inconsistent/Inconsistent).",
            commands: [Cmd("drbd_force_primary", Preferred)], skipWhen: SkipUnlessBothInconsistent);

    private IReadOnlyList<string> Portals => ctx.Portals;

    private bool Chap => ctx.Values().TryGetFlag("chap", out var chap) && chap;

    private ProvisionStep FilesStep(string node)
    {
        var files = renderer.RenderNode(inv, node, run.Wwid);
        var dirs = string.Join(' ', files.Select(f => Path.GetDirectoryName(f.Path)!.Replace('\\', '/')).Distinct(StringComparer.Ordinal));
        return Step($"write {files.Count} configuration files", ProvisionPhase.Files, node,
            "check that root can write those directories and the disk is not full.",
            commands: [Cmd("mkdirs", node, v => v.With("dirs", dirs))]) with { Files = files };
    }

    private string[] NodeRecordCommands(string node)
    {
        var list = new List<string>();
        foreach (var portal in Portals)
        {
            list.Add(Cmd("iscsi_node_ensure", node, v => v.With("portal", portal)));
            foreach (var (param, template) in cat.IscsiNodeParameters)
            {
                var value = CommandCatalog.Fill(template, ctx.Values(node), $"{CommandCatalog.FileName} iscsi_node_params.{param}");
                list.Add(Cmd("iscsi_node_update", node, v => v.With("portal", portal).With("param", param).With("value", value)));
            }

            // The CHAP settings are copied from iscsid.conf on the node: their secrets stay out of every command line.
            if (Chap) list.Add(Cmd("iscsi_node_auth", node, v => v.With("portal", portal)));
        }

        return list.ToArray();
    }

    private async Task<string?> SkipUnlessBothInconsistent(CancellationToken ct)
    {
        var r = await ctx.ExecAsync(Preferred, "drbd_dstate", ct).ConfigureAwait(false);
        var pair = DrbdadmParser.ParsePair(r.StandardOutput, cat);
        return pair is { Local: "Inconsistent", Peer: "Inconsistent" } ? null
            : $"disks are {pair?.ToString() ?? $"unknown (exit {r.ExitCode})"}: not a first provisioning, nothing to force";
    }

    private async Task<string?> SkipWhenHeartbeatRuns(CancellationToken ct)
    {
        foreach (var n in Storage)
            if ((await ctx.ExecAsync(n, "hb_status", ct).ConfigureAwait(false)).Succeeded)
                return $"heartbeat runs on {n} and owns the volume group; the volume exists";
        return null;
    }

    private async Task<string?> CheckWwidAsync(string client, CancellationToken ct)
    {
        var probe = await Wait.UntilAsync($"{client}: the SCSI disks behind the iSCSI sessions report a WWID",
            async token =>
            {
                var r = await ctx.ExecAsync(client, "session_wwids", token).ConfigureAwait(false);
                var ids = OutputWords(r.StandardOutput);
                return ids.Count > 0 ? Probe.Yes(string.Join(' ', ids)) : Probe.No($"no disk yet (exit {r.ExitCode})");
            }, o.LoginTimeout, o.Interval, o.Time, "udev has not created the sdX disks: see `iscsiadm -m session -P 3` and `dmesg`.", ct).ConfigureAwait(false);
        var seen = OutputWords(probe.Observed);
        if (seen.Count > 1)
            throw new SanChaosException($"On {client} the disks behind one target report different WWIDs: {string.Join(", ", seen)}.",
                $"both storage nodes must export the same unit serial ({ctx.Values()["target_identity_hint"]}).");
        var observed = seen[0];
        if (observed == run.Wwid) return $"WWID {observed}, as computed from the unit serial";

        var computed = run.Wwid;
        var conf = renderer.RenderNode(inv, client, observed).Single(f => f.Template == "multipath/multipath.conf");
        await ctx.Node(client).UploadAsync(conf.Path, conf.Content, conf.Mode, ct).ConfigureAwait(false);
        run.Wwid = observed;
        var note = $"{client} reports WWID {observed}, computed {computed}: {conf.Path} rewritten with the observed WWID";
        run.Note(note);
        return note;
    }

    private static List<string> OutputWords(string text) =>
        text.Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    private ProvisionWait Waiting(ISteadyStateCondition c, TimeSpan timeout) => new(c.Name, c.CheckAsync, timeout, c.Remedy);

    private ProvisionStep WaitStep(string name, ProvisionPhase phase, ISteadyStateCondition c, TimeSpan timeout) =>
        Step(name, phase, null, c.Remedy, wait: Waiting(c, timeout));

    private static ProvisionStep Step(string name, ProvisionPhase phase, string? node, string remedy,
        IReadOnlyList<string>? commands = null, string? skipIf = null, Func<CancellationToken, Task<string?>>? skipWhen = null,
        Func<CancellationToken, Task<string?>>? action = null, ProvisionWait? wait = null) =>
        new(name, phase, node, remedy) { Commands = commands ?? [], SkipIf = skipIf, SkipWhen = skipWhen, Action = action, Wait = wait };

    private static ProvisionStage Stage(string name, IEnumerable<ProvisionStep> steps) => new(name, steps.ToArray());

    private static ProvisionStage ClientStage(string name, IEnumerable<ProvisionStep> steps) =>
        new(name, steps.ToArray()) { Track = ProvisionStage.ClientTrack };
}
