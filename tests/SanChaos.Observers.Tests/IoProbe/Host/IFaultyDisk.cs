namespace SanChaos.Observers.Tests.IoProbe.Host;

/// <summary>A block device on this machine whose I/O a test can hold (a stall) or fail (EIO), and whose bytes it can plant.</summary>
internal interface IFaultyDisk : IAsyncDisposable
{
    /// <summary>The block device.</summary>
    string Device { get; }

    /// <summary>I/O blocks until <see cref="HealAsync"/>.</summary>
    Task StallAsync();

    /// <summary>I/O fails with EIO until <see cref="HealAsync"/>.</summary>
    Task FailAsync();

    /// <summary>I/O is served again. Idempotent.</summary>
    Task HealAsync();

    /// <summary>The file holding the device's bytes at the same offsets, below every cache the device reads through.</summary>
    string BackingFile { get; }

    /// <summary>Reads bytes of <see cref="BackingFile"/>.</summary>
    byte[] ReadBacking(long offset, int length)
    {
        using var f = File.OpenHandle(BackingFile);
        var buf = new byte[length];
        RandomAccess.Read(f, buf, offset);
        return buf;
    }

    /// <summary>Writes bytes into <see cref="BackingFile"/>, where the next direct read of the device sees them.</summary>
    void WriteBacking(long offset, byte[] data)
    {
        using var f = File.OpenHandle(BackingFile, FileMode.Open, FileAccess.Write);
        RandomAccess.Write(f, data, offset);
    }
}
