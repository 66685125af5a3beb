namespace SanChaos.Config.Timing;

/// <summary>What dm-multipath does with I/O when every path of a map is down (<c>no_path_retry</c>).</summary>
public enum NoPathRetryMode
{
    /// <summary><c>fail</c>: the I/O fails at once; the application gets EIO.</summary>
    Fail,

    /// <summary><c>queue</c>: the I/O is queued until a path returns, however long that takes.</summary>
    Queue,

    /// <summary>A count N: queued for N path-checker intervals, then failed.</summary>
    Count,
}
