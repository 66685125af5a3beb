using System.Globalization;
using SanChaos.Labs.Remote;

namespace SanChaos.Observers.Tests.IoProbe.Host;

/// <summary>
/// A device-mapper linear map (<c>sanchaos-test-*</c>) over a loop device over a sparse file: suspended for a stall,
/// an <c>error</c> table for EIO, linear again to heal. Needs device-mapper in the kernel.
/// </summary>
internal sealed class DmDisk : IFaultyDisk
{
    private readonly string _name;
    private readonly long _sectors;
    private string _loop = "";

    private DmDisk(string backing, string name, long sectors)
    {
        BackingFile = backing;
        _name = name;
        _sectors = sectors;
    }

    public string Device => "/dev/mapper/" + _name;

    public string BackingFile { get; }

    /// <summary>Why it cannot run here, or null.</summary>
    public static async Task<string?> UnavailableAsync()
    {
        if (Environment.UserName != "root") return "needs root (dmsetup, losetup)";
        var r = await HostCommand.RunAsync(["dmsetup", "version"]);
        return r.Succeeded && r.StandardOutput.Contains("Driver version", StringComparison.Ordinal)
            ? null
            : $"device-mapper is not available here (`dmsetup version`: {(r.StandardError + r.StandardOutput).Trim().Split('\n')[0]})";
    }

    /// <summary>Creates the sparse file, its loop device and the linear map <c>sanchaos-test-&lt;id&gt;</c>.</summary>
    public static async Task<DmDisk> CreateAsync(string dir, long size, CancellationToken ct)
    {
        var backing = Path.Combine(dir, "backing");
        await using (var f = File.Create(backing)) f.SetLength(size);
        var disk = new DmDisk(backing, "sanchaos-test-" + Guid.NewGuid().ToString("N")[..8], size / 512);
        try
        {
            disk._loop = (await HostCommand.RunCheckedAsync(["losetup", "--find", "--show", backing], ct: ct)).StandardOutput.Trim();
            await HostCommand.RunCheckedAsync(["dmsetup", "create", disk._name, "--table", disk.Linear], ct: ct);
            return disk;
        }
        catch
        {
            await disk.DisposeAsync();
            throw;
        }
    }

    private string Linear => $"0 {_sectors.ToString(CultureInfo.InvariantCulture)} linear {_loop} 0";

    public Task StallAsync() => HostCommand.RunCheckedAsync(["dmsetup", "suspend", _name]);

    public async Task FailAsync()
    {
        await HostCommand.RunCheckedAsync(["dmsetup", "reload", _name, "--table", $"0 {_sectors.ToString(CultureInfo.InvariantCulture)} error"]);
        await HostCommand.RunCheckedAsync(["dmsetup", "resume", _name]);
    }

    /// <summary>Loads the linear table and resumes: heals a suspended map and an error map alike.</summary>
    public async Task HealAsync()
    {
        await HostCommand.RunCheckedAsync(["dmsetup", "reload", _name, "--table", Linear]);
        await HostCommand.RunCheckedAsync(["dmsetup", "resume", _name]);
    }

    /// <summary>Resumes and removes the map by its name, then detaches the loop device by its path.</summary>
    public async ValueTask DisposeAsync()
    {
        if ((await HostCommand.RunAsync(["dmsetup", "info", _name])).Succeeded)
        {
            await HostCommand.RunAsync(["dmsetup", "resume", _name]);
            await HostCommand.RunAsync(["dmsetup", "remove", "--retry", _name]);
        }

        if (_loop.Length > 0) await HostCommand.RunAsync(["losetup", "-d", _loop]);
    }
}
