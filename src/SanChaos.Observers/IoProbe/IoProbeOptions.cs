namespace SanChaos.Observers.IoProbe;

/// <summary>
/// How <see cref="IoProbeObserver"/> probes the client's multipath device. Every option has a default that fits the
/// embedded lab (a 128 MiB map on badger).
/// <para>
/// The probe's load: one write of <see cref="BlockSize"/> at a time (queue depth 1), then a pause of
/// <see cref="Pause"/>; so at most 1 / <see cref="Pause"/> writes per second, fewer by the device's latency. With the
/// defaults (4 KiB, 5 ms): at most 200 writes/s = 800 KiB/s; with the lab's ~1–2 ms per write about 140–170
/// writes/s, 0.6–0.7 MB/s, one process on the node and one line (~60 bytes) per write over SSH. Reads: one block per
/// <see cref="SampleEvery"/> acknowledged writes, and once the region wraps, 256 KiB before every 64 writes. At stop,
/// <c>verify</c> reads the slots written once (in 1 MiB direct reads).
/// </para>
/// <para>
/// The probe writes its slots in order and reads every acknowledged write back before its slot is written again, so
/// each acknowledged write is checked once (before reuse or at the stop). On the embedded lab's 128 MiB map the default
/// region (1 MiB to the end: 32512 slots of 4 KiB) holds ~3.5 min of writes at 150 writes/s; a 10 GiB map holds hours.
/// </para>
/// </summary>
public sealed record IoProbeOptions
{
    /// <summary>Default of <see cref="Offset"/>: 1 MiB (the first MiB of the map belongs to the steady-state probe).</summary>
    public const long DefaultOffset = 1L << 20;

    /// <summary>Default of <see cref="SampleEvery"/>.</summary>
    public const int DefaultSampleEvery = 32;

    /// <summary>Default of <see cref="RemotePath"/>.</summary>
    public const string DefaultRemotePath = "/usr/local/sbin/sanchaos-ioprobe";

    /// <summary>The client node that writes. Default: the inventory's first client.</summary>
    public string? Node { get; init; }

    /// <summary>The device written. Default: <c>/dev/mapper/&lt;multipath alias&gt;</c> (<c>/dev/mapper/mpio</c>).</summary>
    public string? Device { get; init; }

    /// <summary>Start of the region written, in bytes (a multiple of <see cref="BlockSize"/>). Default 1 MiB.</summary>
    public long Offset { get; init; } = DefaultOffset;

    /// <summary>
    /// Size of the region, in bytes (a multiple of <see cref="BlockSize"/>), or null: from <see cref="Offset"/> to the
    /// end of the device (the probe's <c>--size end</c>). Default null.
    /// </summary>
    public long? Size { get; init; }

    /// <summary>
    /// Every this many acknowledged writes, the probe reads back one earlier acknowledged write still in its slot (the
    /// newest acknowledged at least 1 s, 10 s, 60 s before, in turn): a read finding older data is a stale read. 0: no
    /// samples. Default 32.
    /// </summary>
    public int SampleEvery { get; init; } = DefaultSampleEvery;

    /// <summary>Bytes per write: a multiple of 512 and of the device's logical block size. Default 4096.</summary>
    public int BlockSize { get; init; } = 4096;

    /// <summary>Pause after each write (also after a failed one), whole milliseconds. Default 5 ms.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Open the device with O_DSYNC as well as O_DIRECT, so an acknowledged write is durable (what a database asks
    /// for), not just handed to the device. Default true.
    /// </summary>
    public bool SyncWrites { get; init; } = true;

    /// <summary>Where the probe is installed on the node. Default <c>/usr/local/sbin/sanchaos-ioprobe</c>.</summary>
    public string RemotePath { get; init; } = DefaultRemotePath;

    /// <summary>
    /// How far a node's clock is ahead of the harness's (negative: behind), by node name; asked when the probe stops.
    /// Default: zero for every node.
    /// </summary>
    public Func<string, TimeSpan>? NodeClockOffset { get; init; }

    /// <summary>Cache root for the compiled probe. Default <c>$SANCHAOS_CACHE</c>, else <c>/var/cache/sanchaos</c>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// The run id written into every block (1–16 of <c>[A-Za-z0-9._-]</c>). Default: the run's id and 4 random hex
    /// digits, so blocks left by an earlier scenario never pass for this one's.
    /// </summary>
    public string? ProbeRunId { get; init; }

    /// <summary>How long start may take: build, upload, until the first write returned. Default 2 min.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the read-back may take. Default 5 min.</summary>
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
