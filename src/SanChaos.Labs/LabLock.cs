using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;

namespace SanChaos.Labs;

/// <summary>
/// One lab on a machine at a time: an exclusive lock on <c>/var/lib/sanchaos/lab.lock</c>, held for as
/// long as a process drives a lab. Another process (a second test project, a `lab up` in another
/// terminal) waits for it. The kernel releases the lock when the holder dies, so a killed run never
/// leaves it held.
/// </summary>
public sealed class LabLock : IDisposable
{
    /// <summary>Default lock file.</summary>
    public const string DefaultPath = "/var/lib/sanchaos/lab.lock";

    private readonly FileStream _stream;

    private LabLock(FileStream stream) => _stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock.</summary>
    public static async Task<LabLock> AcquireAsync(TimeSpan timeout, Action<string>? progress = null, string path = DefaultPath, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream? stream = null;
        var said = false;
        await Wait.UntilAsync($"the lab lock {path} (another process is driving a lab)", _ =>
        {
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                var text = System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n");
                stream.Write(text);
                stream.Flush();
                return Task.FromResult(Probe.Yes());
            }
            catch (IOException e)
            {
                if (!said) progress?.Invoke($"waiting for the lab lock {path}: another process (PID {Holder(path)}) is driving a lab");
                said = true;
                return Task.FromResult(Probe.No($"held by PID {Holder(path)} ({e.Message})"));
            }
        }, timeout, TimeSpan.FromSeconds(2), remedy: "wait for the other run to end, or stop it (`sanchaos lab down`).", ct: ct).ConfigureAwait(false);
        return new LabLock(stream ?? throw new SanChaosException("lab lock not acquired"));
    }

    private static string Holder(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(s).ReadLine() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
