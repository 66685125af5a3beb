namespace SanChaos.Config.Timing;

/// <summary>A <c>no_path_retry</c> value.</summary>
/// <param name="Mode">fail, queue or a count.</param>
/// <param name="Count">The count when <paramref name="Mode"/> is <see cref="NoPathRetryMode.Count"/>.</param>
public readonly record struct NoPathRetry(NoPathRetryMode Mode, int Count = 0)
{
    /// <summary>How long I/O is queued with every path down before it fails; null for queue (no limit).</summary>
    public TimeSpan? QueueTime(TimeSpan pollingInterval) => Mode switch
    {
        NoPathRetryMode.Fail => TimeSpan.Zero,
        NoPathRetryMode.Count => pollingInterval * Count,
        _ => null,
    };

    /// <summary>
    /// The smallest count that queues for at least <paramref name="needed"/>: multipathd counts down at each path check,
    /// and the first check comes up to one interval after the paths fail, so one interval more than the division.
    /// </summary>
    public static NoPathRetry Covering(TimeSpan needed, TimeSpan pollingInterval) =>
        new(NoPathRetryMode.Count, Math.Max(1, (int)Math.Ceiling(needed / pollingInterval) + 1));

    /// <summary>Reads fail, queue, a count (0 is fail); null when unreadable.</summary>
    public static NoPathRetry? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fail" or "0" => new NoPathRetry(NoPathRetryMode.Fail),
        "queue" => new NoPathRetry(NoPathRetryMode.Queue),
        var n when int.TryParse(n, out var c) && c > 0 => new NoPathRetry(NoPathRetryMode.Count, c),
        _ => null,
    };

    /// <summary>As multipath.conf writes it.</summary>
    public override string ToString() => Mode switch
    {
        NoPathRetryMode.Fail => "fail",
        NoPathRetryMode.Queue => "queue",
        _ => Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
