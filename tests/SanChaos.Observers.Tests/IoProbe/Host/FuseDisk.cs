using System.Diagnostics;
using SanChaos.Core;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Remote;

namespace SanChaos.Observers.Tests.IoProbe.Host;

/// <summary>
/// A loop device over a file of a FUSE file system served by sanchaos-test-fusedisk.c (compiled here), which holds or
/// fails the I/O when the test says so: the stall and the EIO are the kernel's own, as through device-mapper. Works on
/// kernels without device-mapper. Everything lives in the test's directory (/tmp/sanchaos-test-*).
/// </summary>
internal sealed class FuseDisk : IFaultyDisk
{
    private readonly string _dir;
    private readonly Process _server;

    private FuseDisk(string dir, Process server)
    {
        _dir = dir;
        _server = server;
    }

    public string Device { get; private set; } = "";

    public string BackingFile => Path.Combine(_dir, "store");

    private string Mount => Path.Combine(_dir, "mnt");

    /// <summary>Why it cannot run here, or null.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "needs root (mount, losetup)"
        : !File.Exists("/dev/fuse") ? "needs /dev/fuse"
        : !File.ReadAllText("/proc/filesystems").Contains("\tfuse\n", StringComparison.Ordinal) ? "needs FUSE in the kernel"
        : !File.Exists("/dev/loop-control") ? "needs loop devices (/dev/loop-control)"
        : null;

    /// <summary>Builds the helper, mounts it at <c>dir/mnt</c> with a sparse store of <paramref name="size"/> bytes, attaches a loop device.</summary>
    public static async Task<FuseDisk> CreateAsync(string dir, long size, CancellationToken ct)
    {
        var helper = Path.Combine(dir, "sanchaos-test-fusedisk");
        var source = Path.Combine(Repository.Root(), "tests", "SanChaos.Observers.Tests", "IoProbe", "Host", "sanchaos-test-fusedisk.c");
        await HostCommand.RunCheckedAsync(["gcc", "-O2", "-Wall", "-Werror", "-o", helper, source], ct: ct);
        await using (var f = File.Create(Path.Combine(dir, "store"))) f.SetLength(size);
        SetControl(dir, 'o');
        Directory.CreateDirectory(Path.Combine(dir, "mnt"));

        var psi = new ProcessStartInfo(helper) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(dir, "mnt"), Path.Combine(dir, "store"), Path.Combine(dir, "control") }) psi.ArgumentList.Add(a);
        var disk = new FuseDisk(dir, Process.Start(psi)!);
        try
        {
            var first = await disk._server.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
            if (first != "mounted")
                throw new InvalidOperationException($"sanchaos-test-fusedisk did not mount: {await disk._server.StandardError.ReadToEndAsync(ct)}");
            var loop = await HostCommand.RunCheckedAsync(["losetup", "--find", "--show", Path.Combine(dir, "mnt", "disk")], ct: ct);
            disk.Device = loop.StandardOutput.Trim();
            return disk;
        }
        catch
        {
            await disk.DisposeAsync();
            throw;
        }
    }

    public Task StallAsync() => Control('s');

    public Task FailAsync() => Control('e');

    public Task HealAsync() => Control('o');

    /// <summary>Serves again, detaches the loop device, unmounts (the helper then exits), and kills the helper by PID if it did not.</summary>
    public async ValueTask DisposeAsync()
    {
        await HealAsync();
        if (Device.Length > 0) await HostCommand.RunAsync(["losetup", "-d", Device]);
        // A loop device still open (a probe not yet gone) detaches when closed; until then the mount is busy.
        await Wait.UntilAsync($"{Mount} unmounted", async ct =>
        {
            var r = await HostCommand.RunAsync(["umount", Mount], ct: ct);
            return r.Succeeded || !File.ReadAllText("/proc/mounts").Contains(" " + Mount + " ", StringComparison.Ordinal)
                ? Probe.Yes("unmounted")
                : Probe.No(r.StandardError.Trim());
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _server.WaitForExitAsync(exit.Token);
        }
        catch (OperationCanceledException)
        {
            _server.Kill();
        }

        _server.Dispose();
    }

    private Task Control(char c)
    {
        SetControl(_dir, c);
        return Task.CompletedTask;
    }

    /// <summary>Replaces the control file at once (rename), so the helper never reads it half-written.</summary>
    private static void SetControl(string dir, char c)
    {
        var tmp = Path.Combine(dir, "control.tmp");
        File.WriteAllText(tmp, c.ToString());
        File.Move(tmp, Path.Combine(dir, "control"), overwrite: true);
    }
}
