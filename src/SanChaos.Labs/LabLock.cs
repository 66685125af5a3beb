using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;

namespace SanChaos.Labs;

/// <summary>
/// One lab on a machine at a time: an exclusive lock on <c>/var/lib/sanchaos/lab.lock</c>, held for as
/// long as a process drives a lab. Another process (a second test project, a `lab up` in another
/// terminal) waits for it. The kernel releases the lock when the holder dies, so a killed run never
/// leaves it held. Within one process the lock is reentrant: the shared lab of a test run and the
/// substrate it brings up both take it, and it is released when the last holder lets go.
/// </summary>
public sealed class LabLock : IDisposable
{
    /// <summary>Default lock file.</summary>
    public const string DefaultPath = "/var/lib/sanchaos/lab.lock";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static FileStream? _stream;
    private static int _holders;
    private int _disposed;

    private LabLock()
    {
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the lock (at once if this process holds it already).</summary>
    public static async Task<LabLock> AcquireAsync(TimeSpan timeout, Action<string>? progress = null, string path = DefaultPath, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_stream is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var said = false;
                await Wait.UntilAsync($"the lab lock {path} (another process is driving a lab)", _ =>
                {
                    try
                    {
                        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                        _stream.SetLength(0);
                        _stream.Write(System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n"));
                        _stream.Flush();
                        return Task.FromResult(Probe.Yes());
                    }
                    catch (IOException e)
                    {
                        if (!said) progress?.Invoke($"waiting for the lab lock {path}: another process (PID {Holder(path)}) is driving a lab");
                        said = true;
                        return Task.FromResult(Probe.No($"held by PID {Holder(path)} ({e.Message})"));
                    }
                }, timeout, TimeSpan.FromSeconds(2), remedy: "wait for the other run to end, or stop it (`sanchaos lab down`).", ct: ct).ConfigureAwait(false);
            }

            _holders++;
            return new LabLock();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The PID holding the lock, from <c>/proc/locks</c> (the kernel's list of flocks, by device and inode). The PID the
    /// holder wrote into the file cannot be read here: opening it, even to read, asks .NET for a lock the holder denies.
    /// </summary>
    private static string Holder(string path)
    {
        try
        {
            if (Native.Libc.FileIdentity(path) is not { } id || !File.Exists("/proc/locks")) return "?";
            return HolderIn(File.ReadAllText("/proc/locks"), id.Device, id.Inode) ?? "?";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    /// <summary>
    /// The PID of the first lock on inode <paramref name="inode"/> of <paramref name="device"/> (major in the high 32 bits,
    /// minor in the low, as <see cref="Native.Libc.FileIdentity(string)"/> gives it) in the text of <c>/proc/locks</c>.
    /// </summary>
    internal static string? HolderIn(string procLocks, ulong device, ulong inode)
    {
        // "1: FLOCK  ADVISORY  WRITE 5385 fe:00:884751 0 EOF": major:minor in hex, inode in decimal.
        var dev = $"{device >> 32:x2}:{device & 0xffffffff:x2}:{inode}";
        foreach (var line in procLocks.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 6 && f[1] is "FLOCK" or "POSIX" && f[5] == dev && !line.Contains("->", StringComparison.Ordinal)) return f[4];
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Gate.Wait();
        try
        {
            if (--_holders == 0)
            {
                _stream?.Dispose();
                _stream = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
