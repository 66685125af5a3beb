using System.Globalization;
using SanChaos.Labs.Remote;

namespace SanChaos.Observers.IoProbe;

/// <summary>The command lines the observer runs on the client node (data, next to the code that uses them).</summary>
internal static class IoProbeCommands
{
    /// <summary>Prints the installed probe's SHA-256 (nothing when it is not there).</summary>
    public static string Sha256(string path) => $"sha256sum {Q(path)} 2>/dev/null || true";

    /// <summary>Where the base64 text of the executable is uploaded before <see cref="Install"/>.</summary>
    public static string Upload(string path) => path + ".b64";

    /// <summary>Decodes the uploaded text into place (atomically) and prints the result's SHA-256.</summary>
    public static string Install(string path) =>
        $"set -e; p={Q(path)}; base64 -d \"$p.b64\" > \"$p.tmp\"; chmod 0755 \"$p.tmp\"; mv -f \"$p.tmp\" \"$p\"; rm -f \"$p.b64\"; sha256sum \"$p\"";

    /// <summary>The long-running writer.</summary>
    public static string Write(IoProbeOptions o, string device, string run) =>
        "exec " + HostCommand.Format([o.RemotePath, "write", device, .. Region(o.Offset, o.Size is { } s ? N(s) : "end", run, o.BlockSize),
            "--pause-ms", N((long)o.Pause.TotalMilliseconds), "--sample-every", N(o.SampleEvery), .. o.SyncWrites ? new[] { "--dsync" } : []]);

    /// <summary>The read-back of <paramref name="size"/> bytes from <paramref name="offset"/> (the slots written).</summary>
    public static string Verify(IoProbeOptions o, string device, string run, long offset, long size) =>
        HostCommand.Format([o.RemotePath, "verify", device, .. Region(offset, N(size), run, o.BlockSize)]);

    private static string[] Region(long offset, string size, string run, int block) =>
        ["--offset", N(offset), "--size", size, "--run", run, "--block", N(block)];

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Q(string s) => HostCommand.Format([s]);
}
