using FluentAssertions;
using SanChaos.Labs;
using Xunit;

namespace SanChaos.Lab.Tests.Unit;

/// <summary>Who holds the lab lock, for the "waiting for the lab lock" line (it used to say "PID ?").</summary>
public sealed class LabLockHolderTests
{
    [Fact]
    public void The_holder_of_a_locked_file_is_found_in_proc_locks_by_device_and_inode()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sanchaos-lock-test-{Guid.NewGuid():N}");
        try
        {
            using var held = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
            var id = SanChaos.Labs.Native.Libc.FileIdentity(path)!.Value;
            LabLock.HolderIn(File.ReadAllText("/proc/locks"), id.Device, id.Inode).Should().Be(Environment.ProcessId.ToString());
            LabLock.HolderIn(File.ReadAllText("/proc/locks"), id.Device, id.Inode + 1).Should().BeNull();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_recorded_proc_locks_line_gives_its_pid_for_its_device_and_inode()
    {
        // The first line as /proc/locks showed it here; the second in the same format, with the device and inode `stat` gave
        // for /run/sanchaos/drills.lock and the PID of the drill process that held it.
        const string locks = "1: POSIX  ADVISORY  READ 5212 fe:00:851989 0 EOF\n2: FLOCK  ADVISORY  WRITE 5385 fe:00:884751 0 EOF\n";
        LabLock.HolderIn(locks, (0xfeUL << 32) | 0, 884751).Should().Be("5385");
    }
}
