namespace SanChaos.Labs.State;

/// <summary>One DRBD minor as <c>/proc/drbd</c> (8.4) shows it.</summary>
/// <param name="Minor">Device minor (0 for /dev/drbd0).</param>
/// <param name="ConnectionState">cs: Connected, WFConnection, StandAlone, SyncSource, Unconfigured...</param>
/// <param name="Role">Local role (Primary, Secondary, Unknown); null when unconfigured.</param>
/// <param name="PeerRole">Peer role; null when unconfigured.</param>
/// <param name="DiskState">Local disk state (UpToDate, Inconsistent, Diskless...); null when unconfigured.</param>
/// <param name="PeerDiskState">Peer disk state (UpToDate, DUnknown...); null when unconfigured.</param>
/// <param name="Protocol">Replication protocol A/B/C; null without a network configuration.</param>
/// <param name="Flags">The I/O flags column (e.g. <c>r-----</c>; <c>s</c> first = suspended).</param>
/// <param name="SyncPercent">Resync progress when syncing.</param>
public sealed record DrbdDeviceStatus(
    int Minor, string ConnectionState, string? Role, string? PeerRole, string? DiskState, string? PeerDiskState,
    char? Protocol, string? Flags, double? SyncPercent)
{
    /// <summary>False for <c>cs:Unconfigured</c> (the resource is down on this node).</summary>
    public bool IsConfigured => ConnectionState != "Unconfigured";

    /// <summary>True when the local role is Primary.</summary>
    public bool IsPrimary => Role == "Primary";

    /// <summary>True when connected (or resyncing) to the peer.</summary>
    public bool IsConnected => ConnectionState is "Connected" or "SyncSource" or "SyncTarget" or "VerifyS" or "VerifyT"
        or "PausedSyncS" or "PausedSyncT" or "StartingSyncS" or "StartingSyncT" or "WFBitMapS" or "WFBitMapT" or "WFSyncUUID";

    /// <summary>True when both disks are UpToDate.</summary>
    public bool BothUpToDate => DiskState == "UpToDate" && PeerDiskState == "UpToDate";

    /// <summary>True when I/O is suspended (first flag <c>s</c>).</summary>
    public bool IsSuspended => Flags is { Length: > 0 } f && f[0] == 's';

    /// <summary>The /proc/drbd way of writing it: <c>cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate</c>.</summary>
    public override string ToString() => IsConfigured
        ? $"cs:{ConnectionState} ro:{Role}/{PeerRole} ds:{DiskState}/{PeerDiskState}" + (SyncPercent is { } p ? $" sync'ed:{p:0.#}%" : "")
        : "cs:Unconfigured";
}
