using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

/// <summary>
/// The setting faults' node commands run for real under /bin/sh on files recorded from the embedded lab; drbdadm and
/// multipathd are small scripts that log their arguments (and, for <c>drbdadm dump</c>, print the file).
/// </summary>
public sealed class SettingFaultTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Recorded(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private string Tool(string name, string body)
    {
        var path = _dir.File(name, "#!/bin/sh\necho \"$*\" >> " + Path.Combine(_dir.Path, name + ".log") + "\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private (CapableLab Lab, FaultSet Faults, RunContext Run) Lab(NodeFaultCommands commands, out FaultCatalog catalog)
    {
        var lab = new CapableLab(TestInventory.Load(_dir.File("pdu.secret", "x")));
        foreach (var n in new[] { "otter", "weasel", "badger" }) lab.NodeMap[n] = new LocalShellNode(n);
        var run = new RunContext();
        catalog = new FaultCatalog(lab, new FaultCatalogOptions { Commands = commands });
        return (lab, new FaultSet(run, lab.Inventory, new FaultSetOptions { DryRun = false }), run);
    }

    private NodeFaultCommands DrbdCommands(string file, string cstate = "echo Connected")
    {
        var drbdadm = Tool("drbdadm", $"[ \"$1\" = dump ] && cat {file}; [ \"$1\" = cstate ] && {cstate}; exit 0");
        var d = NodeFaultCommands.Default;
        return d with
        {
            DrbdResourceFile = file,
            DrbdSet = d.DrbdSet.Replace("drbdadm", drbdadm, StringComparison.Ordinal),
            DrbdRestore = d.DrbdRestore.Replace("drbdadm", drbdadm, StringComparison.Ordinal),
            DrbdHold = d.DrbdHold.Replace("drbdadm", drbdadm, StringComparison.Ordinal),
            DrbdSettle = d.DrbdSettle.Replace("drbdadm", drbdadm, StringComparison.Ordinal),
            DrbdConnectionState = d.DrbdConnectionState.Replace("drbdadm", drbdadm, StringComparison.Ordinal),
        };
    }

    [Fact]
    public async Task The_hold_line_disconnects_and_the_settle_line_adjusts_all_and_connects_a_resource_still_standalone()
    {
        // cstate answers StandAlone until `drbdadm connect` ran (a file marks it), then Connected.
        var connected = Path.Combine(_dir.Path, "connected");
        var commands = DrbdCommands(_dir.File("r0.res", Recorded("otter-r0.res")),
            cstate: $"if [ -e {connected} ]; then echo Connected; else echo StandAlone; fi");
        commands = commands with { DrbdSettle = commands.DrbdSettle.Replace("connect {{resource}};", $"connect {{{{resource}}}} && touch {connected};", StringComparison.Ordinal) };
        var (lab, _, _) = Lab(commands, out _);
        var options = new FaultCatalogOptions { Commands = commands, DrbdReconnectTimeout = TimeSpan.FromSeconds(5) };
        var hold = new Node.DrbdHold("r0", ["otter"], new Node.NodeShell(lab, options), options);

        (await hold.HoldAsync(["weasel"], TestContext.Current.CancellationToken)).Should().Be("disconnected until weasel has its setting back: otter StandAlone");
        var settled = await hold.SettleAsync(TestContext.Current.CancellationToken);

        settled.Should().Be("connected: otter Connected");
        File.ReadAllLines(Path.Combine(_dir.Path, "drbdadm.log")).Should().ContainInOrder("disconnect r0", "cstate r0", "adjust all", "cstate r0", "connect r0", "cstate r0");
    }

    [Fact]
    public async Task Drbd_protocol_is_replaced_in_the_net_section_applied_with_adjust_and_the_heal_restores_the_provisioned_file_byte_for_byte()
    {
        var original = Recorded("otter-r0.res");
        var file = _dir.File("r0.res", original);
        var (_, faults, run) = Lab(DrbdCommands(file), out var catalog);

        await faults.InjectAsync(catalog.SetDrbd("otter", "net", "protocol", "A"), TestContext.Current.CancellationToken);

        var changed = File.ReadAllText(file);
        changed.Should().Contain("    net {\n        protocol A;\n    }").And.NotContain("protocol C;");
        changed.Split('\n').Length.Should().Be(original.Split('\n').Length, "the key's line is replaced, nothing added");
        File.ReadAllText(Path.Combine(_dir.Path, "drbdadm.log")).Should().Contain("adjust r0");
        run.History.Events.Single(e => e.Kind == EventKinds.FaultInjected).Data["effective"].Should().Be("protocol A;");

        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        File.ReadAllText(file).Should().Be(original);
        File.Exists(file + ".sanchaos-orig").Should().BeFalse();
    }

    [Fact]
    public async Task Drbd_fencing_adds_the_option_to_the_disk_section_and_a_handlers_section_with_the_ssh_fence_peer_handler_for_both_nodes()
    {
        var original = Recorded("otter-r0.res");
        var file = _dir.File("r0.res", original);
        var commands = DrbdCommands(file) with
        {
            // The key exchange runs on the nodes' ssh; here it is the same shell, so only the DRBD edits are checked.
            FenceKeyCreate = "echo ssh-ed25519 AAAA sanchaos-fence",
            FenceTrust = "echo trusted",
            FenceUntrust = "echo untrusted",
            FenceEvidenceWrapper = Path.Combine(_dir.Path, "sbin", "sanchaos-fence-peer"),
        };
        var (_, faults, _) = Lab(commands, out var catalog);
        var fault = catalog.SetDrbdFencing("resource-only");

        await faults.InjectAsync(fault, TestContext.Current.CancellationToken);

        var changed = File.ReadAllText(file);
        changed.Should().Contain("        c-plan-ahead 0;\n        fencing resource-only;\n    }");
        changed.Should().Contain($"    handlers {{\n        fence-peer \"{commands.FenceEvidenceWrapper} /usr/lib/drbd/outdate-peer.sh on otter 172.16.1.1 on weasel 172.16.1.2\";\n    }}\n}}");
        ((IFaultFacts)fault).Facts["fencing on weasel"].Should().Be("fencing resource-only;");
        File.ReadAllText(commands.FenceEvidenceWrapper).Should().Be(commands.FenceEvidenceScript.ReplaceLineEndings("\n"));

        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        File.ReadAllText(file).Should().Be(original);
        File.Exists(commands.FenceEvidenceWrapper).Should().BeFalse("the heal removes the wrapper");
    }

    [Theory]
    [InlineData("UpToDate/UpToDate", 4)]
    [InlineData("Outdated/DUnknown", 4)]
    [InlineData("Outdated/DUnknown", 5)]
    public async Task The_fence_evidence_wrapper_returns_the_handlers_exit_code_and_logs_the_peers_disk_state_after_it(string peerDisk, int rv)
    {
        // The wrapper as installed, run the way drbdadm runs a handler (sh -c with DRBD_RESOURCE), with a stand-in for
        // the packaged handler (exit rv), for ssh (the peer answers `drbdadm dstate`) and for uname (this node is weasel).
        var bin = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(bin);
        var wrapper = Path.Combine(_dir.Path, "sanchaos-fence-peer");
        File.WriteAllText(wrapper, NodeFaultCommands.Default.FenceEvidenceScript.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var handler = Tool("outdate-peer.sh", $"exit {rv}");
        foreach (var (name, body) in new[] { ("ssh", $"echo \"$*\" >> {_dir.Path}/ssh.args; echo {peerDisk}"), ("uname", "echo weasel") })
        {
            var t = Path.Combine(bin, name);
            File.WriteAllText(t, "#!/bin/sh\n" + body + "\n");
            File.SetUnixFileMode(t, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var log = Path.Combine(_dir.Path, "kmsg");
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", $"{wrapper} {handler} on otter 172.16.1.1 on weasel 172.16.1.2"]);
        psi.Environment["PATH"] = bin + ":/usr/bin:/bin";
        psi.Environment["DRBD_RESOURCE"] = "r0";
        psi.Environment["SANCHAOS_FENCE_LOG"] = log;
        using var p = System.Diagnostics.Process.Start(psi)!;
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        p.ExitCode.Should().Be(rv, "DRBD must get the packaged handler's answer unchanged");

        // The evidence is written detached, after the exit: wait for it (bounded).
        for (var i = 0; i < 100 && !(File.Exists(log) && File.ReadAllText(log).Contains('\n')); i++) await Task.Delay(50, TestContext.Current.CancellationToken);
        File.ReadAllText(log).Should().Be($"sanchaos-fence: fence-peer r0 on weasel returned {rv}; peer 172.16.1.1 disk {peerDisk}\n");
        File.ReadAllText(Path.Combine(_dir.Path, "ssh.args")).Should().Be("-o BatchMode=yes 172.16.1.1 drbdadm dstate r0\n", "only the peer is asked, over ssh");
        File.ReadAllText(Path.Combine(_dir.Path, "outdate-peer.sh.log")).Should().Be("on otter 172.16.1.1 on weasel 172.16.1.2\n", "the packaged handler gets its own arguments");
    }

    [Fact]
    public void Drbd_settings_outside_the_sections_sanchaos_sets_or_on_a_client_are_refused_with_what_to_write()
    {
        Lab(NodeFaultCommands.Default, out var catalog);
        catalog.Invoking(c => c.SetDrbd("otter", "handlers", "fence-peer", "x")).Should().Throw<FaultRefusedException>().WithMessage("*net, disk or startup*");
        catalog.Invoking(c => c.SetDrbd("badger", "net", "protocol", "A")).Should().Throw<FaultRefusedException>().WithMessage("*storage nodes*");
        catalog.Invoking(c => c.SetDrbd("otter", "net", "protocol", "A; }")).Should().Throw<FaultRefusedException>().WithMessage("*one-word value*");
        catalog.Invoking(c => c.SetDrbdFencing("resource-and-stonith")).Should().Throw<FaultRefusedException>().WithMessage("*STONITH*");
    }

    [Fact]
    public async Task Multipath_settings_add_up_a_missing_key_is_added_to_overrides_and_the_heal_restores_the_provisioned_file()
    {
        var original = Recorded("badger-multipath.conf");
        var file = _dir.File("multipath.conf", original);
        var multipathd = Tool("multipathd", $"[ \"$1\" = show ] && cat {file}; exit 0");
        var commands = NodeFaultCommands.Default with
        {
            MultipathConf = file,
            MultipathSet = NodeFaultCommands.Default.MultipathSet.Replace("multipathd", multipathd, StringComparison.Ordinal),
            MultipathRestore = NodeFaultCommands.Default.MultipathRestore.Replace("multipathd", multipathd, StringComparison.Ordinal),
        };
        var (_, faults, run) = Lab(commands, out var catalog);

        await faults.InjectAsync(catalog.SetMultipath("badger", "no_path_retry", "queue"), TestContext.Current.CancellationToken);
        await faults.InjectAsync(catalog.SetMultipath("badger", "fast_io_fail_tmo", "off"), TestContext.Current.CancellationToken);

        var overrides = File.ReadAllText(file).Split("overrides {")[1].Split("\n}")[0];
        overrides.Should().Contain("no_path_retry queue").And.Contain("    fast_io_fail_tmo off").And.NotContain("no_path_retry           fail");
        run.History.Events.Where(e => e.Kind == EventKinds.FaultInjected).Select(e => e.Data["effective"])
            .Should().Equal("no_path_retry queue (overrides)", "fast_io_fail_tmo off (overrides)");

        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        File.ReadAllText(file).Should().Be(original);
    }

    [Fact]
    public async Task Replacement_timeout_is_saved_set_on_records_and_sessions_and_put_back()
    {
        // iscsiadm with two node records at 15 s; two sessions whose recovery_tmo multipathd had set to 5.
        var sessions = Directory.CreateDirectory(Path.Combine(_dir.Path, "iscsi_session")).FullName;
        foreach (var s in new[] { "session1", "session2" })
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(sessions, s)).FullName, "recovery_tmo"), "5\n");
        var records = _dir.File("records", "15\n");
        var iscsiadm = Tool("iscsiadm",
            "case \"$*\" in " +
            "'-m node') printf '192.168.1.1:3260,4294967295 iqn.2009-02.com.example:test\\n192.168.2.1:3260,4294967295 iqn.2009-02.com.example:test\\n';; " +
            "*'-o update'*) for a; do v=$a; done; echo $v > " + records + ";; " +
            "*) echo \"node.session.timeo.replacement_timeout = $(cat " + records + ")\";; esac");
        string Local(string c) => c.Replace("iscsiadm", iscsiadm, StringComparison.Ordinal).Replace("/sys/class/iscsi_session", sessions, StringComparison.Ordinal);
        var commands = NodeFaultCommands.Default with
        {
            IscsiReplacementSaved = Path.Combine(_dir.Path, "saved"),
            IscsiReplacementSet = Local(NodeFaultCommands.Default.IscsiReplacementSet),
            IscsiReplacementRestore = Local(NodeFaultCommands.Default.IscsiReplacementRestore),
        };
        var (_, faults, run) = Lab(commands, out var catalog);

        await faults.InjectAsync(catalog.SetReplacementTimeout("badger", TimeSpan.FromSeconds(120)), TestContext.Current.CancellationToken);

        File.ReadAllText(records).Trim().Should().Be("120");
        File.ReadAllText(Path.Combine(sessions, "session2", "recovery_tmo")).Trim().Should().Be("120");
        run.History.Events.Single(e => e.Kind == EventKinds.FaultInjected).Data["effective"].Should().Be("recovery_tmo 120 120");

        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        File.ReadAllText(records).Trim().Should().Be("15");
        File.ReadAllText(Path.Combine(sessions, "session1", "recovery_tmo")).Trim().Should().Be("5");
        File.Exists(Path.Combine(_dir.Path, "saved")).Should().BeFalse();
        catalog.Invoking(c => c.SetReplacementTimeout("badger", TimeSpan.FromMilliseconds(1500))).Should().Throw<FaultRefusedException>().WithMessage("*whole number of seconds*");
    }

    [Fact]
    public async Task A_heal_on_a_node_that_was_just_powered_on_waits_until_it_answers_SSH()
    {
        // Seen on the lab: the DRBD setting's heal ran 0.8 s after otter's power came back, while it still booted.
        var original = Recorded("otter-r0.res");
        var file = _dir.File("r0.res", original);
        var lab = new CapableLab(TestInventory.Load(_dir.File("pdu.secret", "x")));
        var booting = new BootingNode(new LocalShellNode("otter"), refusals: 2);
        lab.NodeMap["otter"] = booting;
        var catalog = new FaultCatalog(lab, new FaultCatalogOptions { Commands = DrbdCommands(file), NodeUpTimeout = TimeSpan.FromSeconds(30) });
        var fault = catalog.SetDrbd("otter", "net", "protocol", "A");
        booting.Refusals = 0;
        await fault.InjectAsync(TestContext.Current.CancellationToken);

        booting.Refusals = 2;
        await fault.HealAsync(TestContext.Current.CancellationToken);

        booting.Attempts.Should().Be(3 + 1, "two refused connections, then the restore (after the one inject)");
        File.ReadAllText(file).Should().Be(original);
    }

    /// <summary>A node whose SSH port refuses the first <see cref="Refusals"/> connections, as a booting node's does.</summary>
    private sealed class BootingNode(Labs.INode inner, int refusals) : Labs.INode
    {
        public int Refusals { get; set; } = refusals;

        public int Attempts { get; private set; }

        public string Name => inner.Name;

        public Task<Core.Commands.CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
        {
            Attempts++;
            if (Refusals-- > 0)
                throw new Labs.Remote.SshConnectionException(Name, "172.16.1.1:22", command, "ssh: connect to host 172.16.1.1 port 22: Connection refused",
                    "nothing listens on the SSH port", "wait for the boot");
            return inner.ExecAsync(command, timeout, ct);
        }

        public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) => inner.UploadAsync(path, content, mode, ct);
    }
}
