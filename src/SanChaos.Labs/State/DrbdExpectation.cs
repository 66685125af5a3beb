namespace SanChaos.Labs.State;

/// <summary>How healthy DRBD must be for <see cref="DrbdCondition"/>.</summary>
internal enum DrbdExpectation
{
    /// <summary>Both nodes connected to each other (resync may still run).</summary>
    Connected,
    /// <summary>cs:Connected and ds:UpToDate/UpToDate on both nodes.</summary>
    ConnectedUpToDate,
}
