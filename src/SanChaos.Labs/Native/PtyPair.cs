namespace SanChaos.Labs.Native;

/// <summary>
/// One pseudo-terminal pair held by the host: the master (non-blocking) and a spare descriptor on the slave.
/// <para>
/// The spare slave descriptor is never read or written. It exists because when the last descriptor of a
/// slave closes, the pty hangs up: reads on the master fail with EIO and the slave's termios is forgotten.
/// Holding it means a node (UML) can close and reopen <see cref="SlavePath"/> across reboots without the
/// line going away. It is also the handle for queries on the node's side: bytes waiting for the node
/// (<see cref="QueuedTowardSlave"/>) and flushing them (<see cref="FlushTowardSlave"/>). The spare descriptor is opened
/// before anyone watches the slave's opens (<see cref="Serial.PortOpenWatch"/>), so it never counts as a node's.
/// </para>
/// </summary>
internal sealed class PtyPair : IDisposable
{
    private PtyPair(int masterFd, int spareSlaveFd, string slavePath)
    {
        MasterFd = masterFd;
        SpareSlaveFd = spareSlaveFd;
        SlavePath = slavePath;
    }

    /// <summary>The master descriptor (non-blocking, close-on-exec).</summary>
    public int MasterFd { get; private set; }

    /// <summary>The spare slave descriptor (non-blocking, close-on-exec, never read).</summary>
    public int SpareSlaveFd { get; private set; }

    /// <summary>The slave device, e.g. <c>/dev/pts/7</c>: what a node opens (UML <c>ssl1=tty:/dev/pts/7</c>).</summary>
    public string SlavePath { get; }

    /// <summary>Allocates a pty pair, opens the spare slave and puts both sides in raw mode.</summary>
    public static PtyPair Open()
    {
        var (master, path) = Libc.OpenPtyMaster();
        var slave = -1;
        try
        {
            slave = Libc.Open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK);
            var pair = new PtyPair(master, slave, path);
            pair.MakeRaw();
            return pair;
        }
        catch
        {
            Libc.Close(slave);
            Libc.Close(master);
            throw;
        }
    }

    /// <summary>
    /// Raw mode on both sides. The slave's termios is the one the node's bytes go through: with its default
    /// (cooked, ECHO) every byte the relay writes would be echoed back to the master and bounce to the peer.
    /// </summary>
    public void MakeRaw()
    {
        Libc.MakeRaw(SpareSlaveFd);
        Libc.MakeRaw(MasterFd);
    }

    /// <summary>Bytes written to the master that the node has not read yet.</summary>
    public int QueuedTowardSlave() => Libc.BytesToRead(SpareSlaveFd);

    /// <summary>Discards the bytes written to the master that the node has not read yet.</summary>
    public void FlushTowardSlave() => Libc.Flush(SpareSlaveFd, Libc.TCIFLUSH);

    /// <summary>Bytes the node wrote that the master has not read yet.</summary>
    public int QueuedFromSlave() => Libc.BytesToRead(MasterFd);

    /// <summary>Discards the bytes the node wrote that the master has not read yet (TCIFLUSH on the master: TCOFLUSH on
    /// the slave leaves them, measured on Linux 6.18).</summary>
    public void FlushFromSlave() => Libc.Flush(MasterFd, Libc.TCIFLUSH);

    /// <summary>Closes both descriptors (idempotent).</summary>
    public void Dispose()
    {
        Libc.Close(SpareSlaveFd);
        Libc.Close(MasterFd);
        SpareSlaveFd = -1;
        MasterFd = -1;
    }
}
