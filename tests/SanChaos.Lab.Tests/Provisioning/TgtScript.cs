using System.Diagnostics;

namespace SanChaos.Lab.Tests.Provisioning;

/// <summary>
/// Runs the rendered tgt-target resource script with stand-ins for systemctl, tgtadm and tgt-admin (shell scripts in a
/// temporary directory) that keep a fake tgtd's state in files: <c>unit.active</c> (tgt.service runs it), <c>tgtd.up</c> (the
/// daemon answers) and <c>target.loaded</c> (it exports the target). <c>systemctl start tgt</c> loads the target as the packaged unit does, unless
/// <see cref="UnitLoadsNothing"/>; <c>tgt-admin -e</c> loads it. Every call is logged to <see cref="Calls"/>.
/// </summary>
internal sealed class TgtScript : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("sanchaos-tgt-");

    public TgtScript(string script, string conf)
    {
        Script = Path.Combine(dir.FullName, "tgt-target");
        File.WriteAllText(Script, script);
        Conf = Path.Combine(dir.FullName, "sanchaos.conf");
        File.WriteAllText(Conf, conf);
        Stub("systemctl", """
            echo "systemctl $*" >> "$D/calls"
            case "$*" in
              "is-active --quiet tgt") [ -e "$D/unit.active" ] ;;
              "start tgt") : > "$D/unit.active"; : > "$D/tgtd.up"; [ -e "$D/unit-loads-nothing" ] || : > "$D/target.loaded" ;;
              "stop tgt") [ -e "$D/unit.active" ] && rm -f "$D/unit.active" "$D/tgtd.up" "$D/target.loaded"; exit 0 ;;
              *) exit 1 ;;
            esac
            """);
        // The show output in the layout of tgtadm 1.0.85 (written for this test, not recorded).
        Stub("tgtadm", """
            echo "tgtadm $*" >> "$D/calls"
            [ -e "$D/tgtd.up" ] || { echo "tgtadm: failed to send request hdr to tgt daemon, Transport endpoint is not connected" >&2; exit 107; }
            case "$*" in
              *"--mode target --op show"*)
                [ -e "$D/target.loaded" ] || exit 0
                printf 'Target 1: %s\n    System information:\n        Driver: iscsi\n        State: ready\n    LUN information:\n' "$IQN"
                printf '        LUN: 0\n            Type: controller\n            Backing store path: None\n'
                printf '        LUN: 1\n            Type: disk\n            Backing store type: rdwr\n            Backing store path: %s\n' "$BACKING" ;;
              *"--op delete --mode system"*) rm -f "$D/unit.active" "$D/tgtd.up" "$D/target.loaded" ;;
            esac
            """);
        Stub("tgt-admin", """
            echo "tgt-admin $*" >> "$D/calls"
            case "$*" in -e*) : > "$D/target.loaded" ;; esac
            """);
    }

    public string Script { get; }

    public string Conf { get; }

    public string State => Path.Combine(dir.FullName, "run", "tgt-target.active");

    public string[] Calls => File.Exists(Path.Combine(dir.FullName, "calls")) ? File.ReadAllLines(Path.Combine(dir.FullName, "calls")) : [];

    /// <summary>tgtd runs already, started by its unit at boot, without the target.</summary>
    public void StartedAtBoot()
    {
        Flag("unit.active", true);
        Flag("tgtd.up", true);
    }

    /// <summary>tgtd runs already, started by hand (not by its unit).</summary>
    public void StartedByHand() => Flag("tgtd.up", true);

    /// <summary>The unit starts tgtd but loads no target.</summary>
    public bool UnitLoadsNothing
    {
        set => Flag("unit-loads-nothing", value);
    }

    public (int ExitCode, string Output) Run(string op, string iqn, string backing)
    {
        var psi = new ProcessStartInfo("/bin/sh", [Script, op]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["TGT_TARGET_CONF"] = Conf;
        psi.Environment["TGT_TARGET_STATE"] = State;
        psi.Environment["TGT_TARGET_SYSTEMCTL"] = Path.Combine(dir.FullName, "systemctl");
        psi.Environment["TGT_TARGET_TGTADM"] = Path.Combine(dir.FullName, "tgtadm");
        psi.Environment["TGT_TARGET_TGTADMIN"] = Path.Combine(dir.FullName, "tgt-admin");
        psi.Environment["D"] = dir.FullName;
        psi.Environment["IQN"] = iqn;
        psi.Environment["BACKING"] = backing;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        var error = p.StandardError.ReadToEnd().Trim();
        p.WaitForExit();
        return (p.ExitCode, output.Length > 0 ? output : error);
    }

    public void Dispose() => dir.Delete(true);

    private void Flag(string name, bool on)
    {
        var path = Path.Combine(dir.FullName, name);
        if (on) File.WriteAllText(path, "");
        else File.Delete(path);
    }

    private void Stub(string name, string body)
    {
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
