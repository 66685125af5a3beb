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

    /// <summary>
    /// Set one multipath option in the overrides section (where the provisioned file sets the seeds' policy): keep the
    /// provisioned file once as <c>{{conf}}.sanchaos-orig</c>, replace the line of <c>{{key}}</c> in <c>overrides</c>
    /// with <c>{{key}} {{value}}</c>, have multipathd re-read it, and print the value multipathd now holds in its overrides
    /// (<c>multipathd show config local</c>). Exit 3 when the file has no overrides line for the key.
    /// </summary>
    public string MultipathSet { get; init; } =
        "f={{conf}}; [ -e \"$f.sanchaos-orig\" ] || cp -p \"$f\" \"$f.sanchaos-orig\" || exit 1; " +
        "awk -v k={{key}} -v v={{value}} 'BEGIN{s=0;n=0} /^overrides[ \\t]*\\{/{s=1} s&&$1==k{sub(/[^ \\t].*/, k\" \"v); n=1} s&&/^\\}/{s=0} {print} END{exit n?0:3}' " +
        "\"$f.sanchaos-orig\" > \"$f.sanchaos-new\" || { rm -f \"$f.sanchaos-new\"; echo \"no {{key}} line in the overrides section of $f\" >&2; exit 3; }; " +
        "mv -f \"$f.sanchaos-new\" \"$f\" && multipathd reconfigure >/dev/null && multipathd show config local | awk -v k={{key}} '/^overrides[ \\t]*\\{/{s=1} s&&/^\\}/{s=0} s&&$1==k{print $1\" \"$2\" (overrides)\"; exit}'";

    /// <summary>Put the provisioned multipath configuration back (from <c>{{conf}}.sanchaos-orig</c>) and have multipathd
    /// re-read it; print <c>restored</c> or <c>already-original</c>.</summary>
    public string MultipathRestore { get; init; } =
        "f={{conf}}; if [ -e \"$f.sanchaos-orig\" ]; then mv -f \"$f.sanchaos-orig\" \"$f\" && multipathd reconfigure >/dev/null && echo restored; else echo already-original; fi";

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
