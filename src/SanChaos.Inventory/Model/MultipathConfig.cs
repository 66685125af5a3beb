namespace SanChaos.Inventory.Model;

/// <summary>multipath.conf settings on the client: the seeds' file adapted to multipath-tools 0.9.</summary>
/// <param name="Alias">Map alias. Default <c>mpio</c>.</param>
/// <param name="PollingInterval">Path checker interval. Default 10 s.</param>
/// <param name="Selector">Path selector. Default <c>round-robin 0</c>.</param>
/// <param name="PathGroupingPolicy">Default <c>multibus</c>.</param>
/// <param name="PathChecker">Default <c>readsector0</c> (seeds).</param>
/// <param name="Failback">Default <c>immediate</c>.</param>
/// <param name="NoPathRetry">What to do with no path left: <c>fail</c> (seeds), <c>queue</c> or a number of polls.</param>
/// <param name="RrMinIo">rr_min_io_rq. Default 100.</param>
/// <param name="FastIoFailTmo">fast_io_fail_tmo; null = multipath-tools' default (5 s), which overrides the iSCSI recovery timeout.</param>
public sealed record MultipathConfig(
    string Alias, TimeSpan PollingInterval, string Selector, string PathGroupingPolicy, string PathChecker,
    string Failback, string NoPathRetry, int RrMinIo, TimeSpan? FastIoFailTmo)
{
    /// <summary>The seeds' values.</summary>
    public static MultipathConfig Seeds { get; } = new("mpio", TimeSpan.FromSeconds(10), "round-robin 0", "multibus",
        "readsector0", "immediate", "fail", 100, null);
}
