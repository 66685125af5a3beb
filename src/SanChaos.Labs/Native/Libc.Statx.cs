using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SanChaos.Labs.Native;

/// <summary>statx(2): which file a path or an open handle is (device and inode), which .NET does not say.</summary>
internal static unsafe partial class Libc
{
    private const int AT_FDCWD = -100;
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_INO = 0x100;
    private const uint STATX_SIZE = 0x200;

    /// <summary>struct statx is 256 bytes with the same layout on every architecture.</summary>
    private const int StatxSize = 256;

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxRaw(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>The device, inode and size of <paramref name="path"/> (links followed), or null when it does not exist.</summary>
    public static (ulong Device, ulong Inode, long Size)? FileIdentity(string path) => Statx(AT_FDCWD, path, 0);

    /// <summary>The device, inode and size of the file open in <paramref name="handle"/>.</summary>
    public static (ulong Device, ulong Inode, long Size) FileIdentity(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Statx((int)handle.DangerousGetHandle(), "", AT_EMPTY_PATH)
                ?? throw new IOException("statx of an open file found no file.");
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private static (ulong Device, ulong Inode, long Size)? Statx(int dirfd, string path, int flags)
    {
        var b = stackalloc byte[StatxSize];
        if (StatxRaw(dirfd, path, flags, STATX_INO | STATX_SIZE, b) != 0)
        {
            var (errno, text) = LastError();
            if (errno is 2 or 20) return null; // ENOENT, ENOTDIR
            throw new IOException($"statx({path}) failed: {text} (errno {errno}).");
        }

        // stx_ino at 32, stx_size at 40, stx_dev_major at 136, stx_dev_minor at 140.
        var device = ((ulong)*(uint*)(b + 136) << 32) | *(uint*)(b + 140);
        return (device, *(ulong*)(b + 32), (long)*(ulong*)(b + 40));
    }
}
