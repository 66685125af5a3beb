using System.Text.RegularExpressions;
using SanChaos.Core.Errors;

namespace SanChaos.Faults.Catalog;

/// <summary>
/// The node commands the catalogue's node-level faults run (kill and start heartbeat, stop and start the target): data, not
/// code (STYLE.md habit 8), so another distribution or target needs a changed value, not a changed fault. Commands
/// are POSIX shell lines run by the node's login shell as root; <c>{{name}}</c> placeholders are filled with
/// shell-quoted values. Override single entries with <c>NodeFaultCommands.Default with { HeartbeatStart = "..." }</c>
/// and pass them in <see cref="FaultCatalogOptions.Commands"/>. Written for heartbeat 3.0.6 (v1 mode), Linux 6.1 LIO
/// through configfs, tgt 1.0.85. The read-only probes (cl_status, ip addr, /proc/drbd) are the shared ones of
/// <c>lab/sut/commands.yaml</c>, used through <see cref="Labs.State.LabStatus"/>.
/// </summary>
public sealed partial record NodeFaultCommands
{
    /// <summary>The defaults below.</summary>
    public static NodeFaultCommands Default { get; } = new();

    /// <summary>Heartbeat's pid file (its master control process). Default <c>/var/run/heartbeat.pid</c>.</summary>
    public string HeartbeatPidFile { get; init; } = "/var/run/heartbeat.pid";

    /// <summary>
    /// kill -9 heartbeat's master process (the live pid in <c>{{pid_file}}</c>; when there is none, every process
    /// <c>pidof heartbeat</c> finds) and print the pids killed on one line. Exit 3 with a message on stderr when
    /// heartbeat is not running.
    /// </summary>
    public string HeartbeatKill { get; init; } =
        "p=$(cat {{pid_file}} 2>/dev/null); [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null || p=$(pidof heartbeat); " +
        "[ -n \"$p\" ] || { echo \"heartbeat is not running: no live pid in \"{{pid_file}}\", pidof heartbeat found nothing\" >&2; exit 3; }; " +
        "kill -9 $p && echo $p";

    /// <summary>
    /// Start heartbeat only if its master is not running (a live pid in <c>{{pid_file}}</c>, or a process titled
    /// <c>heartbeat: master control process</c>): print <c>already-running</c> and do nothing, else kill -9 the
    /// orphaned heartbeat children of the killed master, start it (<c>systemctl restart heartbeat</c> when a unit
    /// exists — a SysV-generated unit stays "active" after its daemon was killed, so start would do nothing — else
    /// <c>/etc/init.d/heartbeat start</c>) and print <c>started</c>.
    /// </summary>
    public string HeartbeatStart { get; init; } =
        "p=$(cat {{pid_file}} 2>/dev/null); " +
        "if { [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null; } || pgrep -f '^heartbeat: master' >/dev/null 2>&1; then echo already-running; exit 0; fi; " +
        "o=$(pidof heartbeat); if [ -n \"$o\" ]; then kill -9 $o; fi; " +
        "if systemctl cat heartbeat.service >/dev/null 2>&1; then systemctl restart heartbeat; else /etc/init.d/heartbeat start; fi && echo started";

    /// <summary>The LIO portal group's enable file, from <c>{{iqn}}</c> and <c>{{tpgt}}</c> (not quoted here). Default <c>/sys/kernel/config/target/iscsi/{{iqn}}/tpgt_{{tpgt}}/enable</c>.</summary>
    public string LioEnableFile { get; init; } = "/sys/kernel/config/target/iscsi/{{iqn}}/tpgt_{{tpgt}}/enable";

    /// <summary>The LIO target portal group tag the SAN's target uses (lab/sut lio-target.conf TPGT). Default 1.</summary>
    public int LioTpgt { get; init; } = 1;

    /// <summary>
    /// Disable the LIO portal group (<c>echo 0 &gt; {{enable_file}}</c>): initiators' logins and I/O stop. Exit 3
    /// when the target is not configured on the node (it runs only where the Heartbeat resources are).
    /// </summary>
    public string LioStop { get; init; } =
        "f={{enable_file}}; [ -e \"$f\" ] || { echo \"no LIO target portal group at $f: the target runs only on the node that holds the Heartbeat resources\" >&2; exit 3; }; " +
        "echo 0 > \"$f\"";

    /// <summary>
    /// Re-enable the LIO portal group when it exists and is disabled; print <c>enabled</c>, <c>already-enabled</c> or
    /// <c>absent</c> (the target moved away or was torn down: nothing to re-enable).
    /// </summary>
    public string LioStart { get; init; } =
        "f={{enable_file}}; if [ ! -e \"$f\" ]; then echo absent; elif [ \"$(cat \"$f\")\" = 1 ]; then echo already-enabled; " +
        "else echo 1 > \"$f\" && echo enabled; fi";

    /// <summary>Stop tgtd (tgt). Default <c>systemctl stop tgt</c>, falling back to the init script.</summary>
    public string TgtStop { get; init; } = "systemctl stop tgt 2>/dev/null || /etc/init.d/tgt stop";

    /// <summary>Start tgtd only if it is not running; print <c>already-running</c> or <c>started</c>.</summary>
    public string TgtStart { get; init; } =
        "if pidof tgtd >/dev/null; then echo already-running; else { systemctl start tgt 2>/dev/null || /etc/init.d/tgt start; } && echo started; fi";

    /// <summary>The client's multipath configuration file. Default <c>/etc/multipath.conf</c>.</summary>
    public string MultipathConf { get; init; } = "/etc/multipath.conf";

    // Every command that edits a node's files ends in `sync`: a drill cuts that node's power seconds later, and an edit
    // still in the page cache was measured to leave /etc/drbd.d/r0.res empty after the reboot (DRBD then refused to resync).

    /// <summary>
    /// Set one multipath option in the overrides section (where the provisioned file sets the seeds' policy): keep the
    /// provisioned file once as <c>{{conf}}.sanchaos-orig</c>, replace the line of <c>{{key}}</c> in <c>overrides</c>
    /// with <c>{{key}} {{value}}</c> (or add it there), have multipathd re-read it, and print the value multipathd now
    /// holds in its overrides (<c>multipathd show config local</c>). Settings add up: each one edits the current file.
    /// Exit 3 when the file has no overrides section.
    /// </summary>
    public string MultipathSet { get; init; } =
        "f={{conf}}; [ -e \"$f.sanchaos-orig\" ] || cp -p \"$f\" \"$f.sanchaos-orig\" || exit 1; " +
        "awk -v k={{key}} -v v={{value}} 'BEGIN{s=0;n=0;o=0} /^overrides[ \\t]*\\{/{s=1;o=1} s&&$1==k{sub(/[^ \\t].*/, k\" \"v); n=1} " +
        "s&&/^\\}/{if(!n){print \"    \" k \" \" v; n=1} s=0} {print} END{exit o?0:3}' " +
        "\"$f\" > \"$f.sanchaos-new\" || { rm -f \"$f.sanchaos-new\"; echo \"no overrides section in $f\" >&2; exit 3; }; " +
        "mv -f \"$f.sanchaos-new\" \"$f\" && sync && multipathd reconfigure >/dev/null && multipathd show config local | awk -v k={{key}} '/^overrides[ \\t]*\\{/{s=1} s&&/^\\}/{s=0} s&&$1==k{print $1\" \"$2\" (overrides)\"; exit}'";

    /// <summary>Put the provisioned multipath configuration back (from <c>{{conf}}.sanchaos-orig</c>) and have multipathd
    /// re-read it; print <c>restored</c> or <c>already-original</c>.</summary>
    public string MultipathRestore { get; init; } =
        "f={{conf}}; if [ -e \"$f.sanchaos-orig\" ]; then mv -f \"$f.sanchaos-orig\" \"$f\" && sync && multipathd reconfigure >/dev/null && echo restored; else echo already-original; fi";

    /// <summary>Where a client keeps the replacement_timeout values a drill changed (to put them back, also from another process).</summary>
    public string IscsiReplacementSaved { get; init; } = "/etc/iscsi/sanchaos-replacement-timeout.orig";

    /// <summary>
    /// Set open-iscsi's replacement_timeout to <c>{{value}}</c> seconds on a client, for its node records (the next
    /// login) and its running sessions (<c>recovery_tmo</c> in sysfs, the live value): the values in use are saved once
    /// in <c>{{saved}}</c>; prints the sessions' <c>recovery_tmo</c> afterwards. multipathd sets <c>recovery_tmo</c>
    /// from its fast_io_fail_tmo whenever it (re)configures a path, so a drill turns that off first
    /// (<c>multipath's fast_io_fail_tmo is off</c>). Exit 3 when the client has no node record.
    /// </summary>
    public string IscsiReplacementSet { get; init; } =
        "o={{saved}}; k=node.session.timeo.replacement_timeout; recs=$(iscsiadm -m node 2>/dev/null); " +
        "[ -n \"$recs\" ] || { echo 'no open-iscsi node records on this client (iscsiadm -m node is empty)' >&2; exit 3; }; " +
        "if [ ! -e \"$o\" ]; then { echo \"$recs\" | while read -r p t; do echo \"record $t ${p%,*} $(iscsiadm -m node -T \"$t\" -p \"${p%,*}\" | awk -F' = ' -v k=$k '$1==k{print $2}')\"; done; " +
        "for s in /sys/class/iscsi_session/session*; do [ -e \"$s/recovery_tmo\" ] && echo \"session $s $(cat \"$s/recovery_tmo\")\"; done; } > \"$o.new\" && mv -f \"$o.new\" \"$o\" || exit 1; fi; " +
        "iscsiadm -m node -o update -n $k -v {{value}} && sync || exit 1; " +
        "for s in /sys/class/iscsi_session/session*; do [ -e \"$s/recovery_tmo\" ] && echo {{value}} > \"$s/recovery_tmo\"; done; " +
        "echo \"recovery_tmo $(cat /sys/class/iscsi_session/session*/recovery_tmo 2>/dev/null | tr '\\n' ' ')\"";

    /// <summary>Put the saved replacement_timeout values back (records and the sessions that still exist); print
    /// <c>restored</c> or <c>already-original</c>.</summary>
    public string IscsiReplacementRestore { get; init; } =
        "o={{saved}}; [ -e \"$o\" ] || { echo already-original; exit 0; }; k=node.session.timeo.replacement_timeout; " +
        "while read -r what a b c; do case $what in record) [ -n \"$c\" ] && iscsiadm -m node -T \"$a\" -p \"$b\" -o update -n $k -v \"$c\";; " +
        "session) [ -e \"$a/recovery_tmo\" ] && echo \"$b\" > \"$a/recovery_tmo\";; esac; done < \"$o\"; rm -f \"$o\" && sync && echo restored";

    /// <summary>A DRBD resource's configuration file, from <c>{{resource}}</c> (not quoted here). Default <c>/etc/drbd.d/{{resource}}.res</c>.</summary>
    public string DrbdResourceFile { get; init; } = "/etc/drbd.d/{{resource}}.res";

    /// <summary>
    /// Set one option of a DRBD resource (<c>{{section}} { {{key}} {{value}}; }</c>, e.g. net/protocol/A, disk/fencing/resource-only,
    /// handlers/fence-peer/"…"): keep the provisioned file once as <c>{{file}}.sanchaos-orig</c>, replace the key's line in
    /// the section (or add it; or add the section), apply it to the running resource with <c>drbdadm adjust</c> (DRBD 8.4
    /// changes protocol and fencing of a connected resource online), and print the option as drbdadm now reads it.
    /// Exit 3 when the file has no <c>resource {{resource}}</c> block.
    /// </summary>
    public string DrbdSet { get; init; } =
        "f={{file}}; [ -e \"$f.sanchaos-orig\" ] || cp -p \"$f\" \"$f.sanchaos-orig\" || exit 1; " +
        "awk -v r={{resource}} -v sec={{section}} -v k={{key}} -v v={{value}} '" +
        "BEGIN{d=0;inr=0;ins=0;done=0;found=0} " +
        "{line=$0; t=$0; gsub(/^[ \\t]+/,\"\",t)} " +
        "!inr && $1==\"resource\" && $2==r {inr=1; found=1; d=0} " +
        "inr && d==1 && $1==sec && $2==\"{\" {ins=1} " +
        "ins && d==2 && $1==k {print \"        \" k \" \" v \";\"; done=1; next} " +
        "inr {o=gsub(/\\{/,\"{\",t); c=gsub(/\\}/,\"}\",t); " +
        "if (ins && d==2 && d+o-c==1 && !done) {print \"        \" k \" \" v \";\"; done=1} " +
        "if (d==1 && d+o-c==0 && !done) {print \"    \" sec \" {\"; print \"        \" k \" \" v \";\"; print \"    }\"; done=1} " +
        "d=d+o-c; if (d<=1) ins=0; if (d==0) inr=0} {print line} END{exit found?0:3}' " +
        "\"$f\" > \"$f.sanchaos-new\" || { rm -f \"$f.sanchaos-new\"; echo \"no resource {{resource}} block in $f\" >&2; exit 3; }; " +
        "mv -f \"$f.sanchaos-new\" \"$f\" && sync && drbdadm adjust {{resource}} && " +
        "drbdadm dump {{resource}} 2>/dev/null | awk -v k={{key}} '$1==k{$1=$1; print; exit}'";

    /// <summary>Put the provisioned DRBD resource file back (from <c>{{file}}.sanchaos-orig</c>) and <c>drbdadm adjust</c> it;
    /// print <c>restored</c> or <c>already-original</c>.</summary>
    public string DrbdRestore { get; init; } =
        "f={{file}}; if [ -e \"$f.sanchaos-orig\" ]; then mv -f \"$f.sanchaos-orig\" \"$f\" && sync && drbdadm adjust {{resource}} && echo restored; else echo already-original; fi";

    /// <summary>
    /// Hold DRBD on a node that stayed up while its peer, which missed a setting's heal, boots: <c>drbdadm disconnect</c>
    /// (StandAlone: it accepts no connection, so the booting peer waits in WFConnection instead of joining with the drill's
    /// setting still in its file; with <c>wfc-timeout 0</c> its boot script waits there, and Heartbeat after it) and print
    /// the connection state. DRBD 8.4 answers success when the resource is StandAlone already.
    /// </summary>
    public string DrbdHold { get; init; } = "drbdadm disconnect {{resource}} && drbdadm cstate {{resource}}";

    /// <summary>
    /// Settle DRBD after every heal, on each storage node: <c>drbdadm adjust all</c> (the restored files applied; a
    /// resource left StandAlone by a hold has no network configuration in the kernel, so adjust connects it), a
    /// <c>drbdadm connect</c> should it still be StandAlone, and print the connection state.
    /// </summary>
    public string DrbdSettle { get; init; } =
        "drbdadm adjust all && { [ \"$(drbdadm cstate {{resource}})\" != StandAlone ] || drbdadm connect {{resource}}; } && drbdadm cstate {{resource}}";

    /// <summary>Print a DRBD resource's connection state (<c>Connected</c>, <c>WFConnection</c>, <c>StandAlone</c>, <c>SyncSource</c>...).</summary>
    public string DrbdConnectionState { get; init; } = "drbdadm cstate {{resource}}";

    /// <summary>
    /// Print <c>split-brain</c> when DRBD's last kernel lines about the resource say it dropped the connection over a split
    /// brain (drbd 8.4: "Split-Brain detected but unresolved, dropping connection!", then StandAlone), else <c>none</c>: a
    /// pair that stays apart for that is the SAN's doing (the split-brain checker's), not a settle that failed.
    /// </summary>
    public string DrbdSplitBrainSeen { get; init; } =
        "dmesg | grep -F 'drbd ' | grep -F {{resource}} | tail -n 20 | grep -qF 'Split-Brain detected' && echo split-brain || echo none";

    /// <summary>
    /// DRBD's packaged ssh fence-peer handler (drbd-utils): <c>outdate-peer.sh on NODE IP... on NODE IP...</c> runs
    /// <c>drbdadm outdate</c> on the peer over ssh. Debian 12 ships no dopd (its drbd-utils is built without Heartbeat
    /// support), so this is how a Debian Heartbeat v1 SAN fences at the resource level. Default <c>/usr/lib/drbd/outdate-peer.sh</c>.
    /// </summary>
    public string DrbdOutdatePeerHandler { get; init; } = "/usr/lib/drbd/outdate-peer.sh";

    /// <summary>
    /// Where the fencing fault installs its evidence wrapper (<see cref="FenceEvidenceScript"/>); DRBD's handlers line
    /// names it before the packaged handler. Default <c>/usr/local/sbin/sanchaos-fence-peer</c>.
    /// </summary>
    public string FenceEvidenceWrapper { get; init; } = "/usr/local/sbin/sanchaos-fence-peer";

    /// <summary>
    /// The evidence wrapper: runs the packaged fence-peer handler (its first argument) unchanged and returns its exit code
    /// at once; then, detached, asks each peer address for the resource's disk state over the handler's own ssh path and
    /// writes one line per peer into the kernel log: <c>sanchaos-fence: fence-peer RES on NODE returned RV; peer IP disk
    /// STATE</c> (timeline kind <c>drbd.fence-peer</c>). Needed because DRBD's packaged outdate-peer.sh trusts
    /// <c>drbdadm outdate</c>'s exit code: on a peer that has not yet noticed the disconnect (still Connected) it exits 0
    /// and outdates nothing (reproduced on the embedded lab, drbd 8.4.11, drbd-utils 9.22), so the handler returns 4
    /// ("peer was fenced") while the peer stays UpToDate.
    /// </summary>
    public string FenceEvidenceScript { get; init; } = """
        #!/bin/sh
        # SanChaos (drbd-fencing fault): DRBD's fence-peer handler, run unchanged, then the peer's disk state into the kernel log.
        h=$1; shift
        "$h" "$@"; rv=$?
        me=$(uname -n); ips=; n=
        for a in "$@"; do
          if [ "$a" = on ]; then n=host
          elif [ "$n" = host ]; then if [ "$a" = "$me" ]; then n=own; else n=peer; fi
          elif [ "$n" = peer ]; then ips="$ips $a"; fi
        done
        r=${DRBD_RESOURCE:-r0}; log=${SANCHAOS_FENCE_LOG:-/dev/kmsg}
        ( for ip in $ips; do ds=$(ssh -o BatchMode=yes "$ip" drbdadm dstate "$r" 2>/dev/null | head -n1)
            echo "sanchaos-fence: fence-peer $r on $me returned $rv; peer $ip disk ${ds:-unreachable}" >> "$log"; done ) </dev/null >/dev/null 2>&1 &
        exit $rv

        """;

    /// <summary>Install <c>{{script_base}}</c> (the wrapper, base64) as <c>{{wrapper}}</c>, mode 755; print <c>installed</c>.</summary>
    public string FenceEvidenceInstall { get; init; } =
        "mkdir -p \"$(dirname {{wrapper}})\" && echo {{script_base}} | base64 -d > {{wrapper}} && chmod 755 {{wrapper}} && sync && echo installed";

    /// <summary>Remove the wrapper <c>{{wrapper}}</c>; print <c>removed</c>.</summary>
    public string FenceEvidenceRemove { get; init; } = "rm -f {{wrapper}} && echo removed";

    /// <summary>
    /// Create (once) the root key a storage node's fence-peer handler uses to reach its peer (<c>/root/.ssh/sanchaos_fence</c>,
    /// comment <c>sanchaos-fence</c>) and print its public half.
    /// </summary>
    public string FenceKeyCreate { get; init; } =
        "k=/root/.ssh/sanchaos_fence; mkdir -p -m 700 /root/.ssh && { [ -e $k ] || ssh-keygen -q -t ed25519 -N '' -C sanchaos-fence -f $k; } && cat $k.pub";

    /// <summary>
    /// Let the peer's fence key in (<c>{{peer_key}}</c> into root's authorized_keys) and make root's ssh use this node's
    /// fence key for the peer's addresses <c>{{peer_addresses}}</c> (a marked block in <c>/root/.ssh/config</c>, its own
    /// known-hosts file, 3 s connect timeout); print <c>trusted</c>.
    /// </summary>
    public string FenceTrust { get; init; } =
        "a=/root/.ssh/authorized_keys; c=/root/.ssh/config; touch $a $c && chmod 600 $a $c; " +
        "grep -qF {{peer_key}} $a || echo {{peer_key}} >> $a; " +
        "sed -i '/^# sanchaos-fence begin/,/^# sanchaos-fence end/d' $c; " +
        "printf '# sanchaos-fence begin\\nHost %s\\n    IdentityFile /root/.ssh/sanchaos_fence\\n    UserKnownHostsFile /root/.ssh/sanchaos_fence_known_hosts\\n    StrictHostKeyChecking accept-new\\n    ConnectTimeout 3\\n# sanchaos-fence end\\n' {{peer_addresses}} >> $c && sync && echo trusted";

    /// <summary>Take the fence keys' trust away again (authorized_keys lines and the config block, the key and its known
    /// hosts); print <c>untrusted</c>.</summary>
    public string FenceUntrust { get; init; } =
        "a=/root/.ssh/authorized_keys; c=/root/.ssh/config; [ -e $a ] && sed -i '/ sanchaos-fence$/d' $a; " +
        "[ -e $c ] && sed -i '/^# sanchaos-fence begin/,/^# sanchaos-fence end/d' $c; " +
        "rm -f /root/.ssh/sanchaos_fence /root/.ssh/sanchaos_fence.pub /root/.ssh/sanchaos_fence_known_hosts; sync; echo untrusted";

    /// <summary>Fills <c>{{name}}</c> placeholders of <paramref name="template"/> with shell-quoted <paramref name="values"/>.</summary>
    /// <param name="template">A command.</param>
    /// <param name="values">Placeholder values.</param>
    /// <param name="quote">Shell-quote the values (default); false for paths assembled from parts.</param>
    /// <exception cref="SanChaosException">A placeholder has no value.</exception>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values, bool quote = true)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (!values.TryGetValue(name, out var v))
                throw new SanChaosException($"The node command `{template}` uses {{{{{name}}}}}, which has no value (known: {string.Join(", ", values.Keys)}).",
                    "Fix the command in FaultCatalogOptions.Commands: use only the placeholders its documentation names.");
            return quote ? Quote(v) : v;
        });
    }

    /// <summary><paramref name="value"/> in single quotes, safe for a POSIX shell.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\{\{(?<name>[a-z_]+)\}\}", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Placeholder();
}
