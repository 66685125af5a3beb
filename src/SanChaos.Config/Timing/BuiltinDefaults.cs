namespace SanChaos.Config.Timing;

/// <summary>
/// Values the software uses when the configuration says nothing, with where each comes from (data, STYLE.md 8).
/// Versions: Heartbeat 3.0 (config.c), DRBD 8.4 and 9 drbd.conf(5) / 0.7 drbd.conf(5), drbd-utils scripts/drbddisk,
/// open-iscsi 2.1 iscsid.conf, multipath-tools 0.9 multipath.conf(5).
/// </summary>
public static class BuiltinDefaults
{
    /// <summary>Heartbeat keepalive: 1 s.</summary>
    public static readonly Setting<TimeSpan> Keepalive = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(1), "Heartbeat 3 default keepalive 1000ms (config.c)");

    /// <summary>Heartbeat deadtime: 30 s.</summary>
    public static readonly Setting<TimeSpan> Deadtime = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(30), "Heartbeat 3 default deadtime 30000ms (config.c)");

    /// <summary>DRBD <c>timeout</c> (an expected answer from the peer): 6 s (60 tenths), 0.7 to 9.</summary>
    public static readonly Setting<TimeSpan> DrbdTimeout = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(6), "DRBD default timeout 60 (tenths: 6 s)");

    /// <summary>DRBD <c>ping-int</c>: 10 s.</summary>
    public static readonly Setting<TimeSpan> DrbdPingInt = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(10), "DRBD default ping-int 10 s");

    /// <summary>DRBD 8/9 <c>ping-timeout</c>: 0.5 s (5 tenths).</summary>
    public static readonly Setting<TimeSpan> DrbdPingTimeout = Setting<TimeSpan>.Default(TimeSpan.FromMilliseconds(500), "DRBD 8/9 default ping-timeout 5 (tenths: 0.5 s)");

    /// <summary>drbddisk (drbd-utils): tries <c>drbdadm primary</c> 6 times, 1 s apart, before giving up.</summary>
    public static readonly Setting<TimeSpan> DrbddiskRetryWindow = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(5),
        "drbddisk (drbd-utils scripts/drbddisk): 6 tries of `drbdadm primary`, 1 s apart");

    /// <summary>DRBD 0.7's drbddisk ran <c>drbdadm primary</c> once.</summary>
    public static readonly Setting<TimeSpan> DrbddiskRetryWindow07 = Setting<TimeSpan>.Default(TimeSpan.Zero,
        "drbddisk of DRBD 0.7: one `drbdadm primary`, no retry");

    /// <summary>open-iscsi NOP-out interval: 5 s.</summary>
    public static readonly Setting<TimeSpan> NoopInterval = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(5), "open-iscsi default noop_out_interval 5");

    /// <summary>open-iscsi NOP-out timeout: 5 s.</summary>
    public static readonly Setting<TimeSpan> NoopTimeout = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(5), "open-iscsi default noop_out_timeout 5");

    /// <summary>open-iscsi replacement_timeout: 120 s.</summary>
    public static readonly Setting<TimeSpan> ReplacementTimeout = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(120), "open-iscsi default replacement_timeout 120");

    /// <summary>multipath-tools polling_interval: 5 s.</summary>
    public static readonly Setting<TimeSpan> PollingInterval = Setting<TimeSpan>.Default(TimeSpan.FromSeconds(5), "multipath-tools default polling_interval 5");

    /// <summary>multipath-tools no_path_retry: fail.</summary>
    public static readonly Setting<NoPathRetry> NoPathRetry = Setting<NoPathRetry>.Default(new NoPathRetry(NoPathRetryMode.Fail), "multipath-tools default no_path_retry fail");

    /// <summary>multipath-tools 0.9 fast_io_fail_tmo: 5 s.</summary>
    public static readonly Setting<TimeSpan?> FastIoFailTmo = Setting<TimeSpan?>.Default(TimeSpan.FromSeconds(5), "multipath-tools 0.9 default fast_io_fail_tmo 5");

    /// <summary>SCSI vendor of the paths, by the target's haresources agent (for multipath's hardware table).</summary>
    public static readonly IReadOnlyDictionary<string, string> TargetVendors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["lio-target"] = "LIO-ORG",
        ["iscsi-target"] = "IET",
        ["iscsitarget"] = "IET",
        ["iscsi-scst"] = "SCST_BIO",
        ["tgt"] = "IET",
        ["tgt-target"] = "IET", // SanChaos's tgt resource script; tgt's default vendor_id is IET's
    };
}
