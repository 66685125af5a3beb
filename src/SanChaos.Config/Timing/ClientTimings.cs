namespace SanChaos.Config.Timing;

/// <summary>The client's iSCSI and multipath timers, as open-iscsi and multipathd really use them.</summary>
/// <param name="Node">The client.</param>
/// <param name="NoopInterval">NOP-out interval (node record, else iscsid.conf, else default).</param>
/// <param name="NoopTimeout">NOP-out timeout.</param>
/// <param name="ReplacementTimeout">The record's replacement_timeout.</param>
/// <param name="FastIoFailTmo">multipathd's fast_io_fail_tmo; null when off.</param>
/// <param name="RecoveryTimeout">What the session waits before failing I/O to dm-multipath: fast_io_fail_tmo when
/// multipathd manages the path and sets it, else replacement_timeout.</param>
/// <param name="PollingInterval">multipathd's path checker interval.</param>
/// <param name="NoPathRetry">What happens to I/O with every path down.</param>
/// <param name="Portals">The portals the client has node records for (two for multipath).</param>
public sealed record ClientTimings(string Node, Setting<TimeSpan> NoopInterval, Setting<TimeSpan> NoopTimeout, Setting<TimeSpan> ReplacementTimeout,
    Setting<TimeSpan?> FastIoFailTmo, Setting<TimeSpan> RecoveryTimeout, Setting<TimeSpan> PollingInterval, Setting<NoPathRetry> NoPathRetry,
    IReadOnlyList<string> Portals)
{
    /// <summary>How long after a portal dies a NOP-out notices: the timeout, plus up to one interval until the next NOP-out.</summary>
    public (TimeSpan Min, TimeSpan Max) NopDetection => (NoopTimeout.Value, NoopInterval.Value + NoopTimeout.Value);

    /// <summary>How long I/O is queued with every path down before it fails; null for queue.</summary>
    public TimeSpan? QueueTime => NoPathRetry.Value.QueueTime(PollingInterval.Value);

    /// <summary>
    /// How long the application's I/O survives once the initiator noticed a dead portal before it fails with an error:
    /// the session's recovery timeout, then dm-multipath's queueing with every path down; null when it queues for ever
    /// (<c>no_path_retry queue</c>). A session that logs in again within it spares the application any error.
    /// </summary>
    public TimeSpan? PathLossTolerance => QueueTime is { } q ? RecoveryTimeout.Value + q : null;
}
