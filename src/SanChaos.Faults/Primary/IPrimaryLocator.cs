namespace SanChaos.Faults.Primary;

/// <summary>
/// Says which storage node holds the Heartbeat resource group (DRBD Primary, the floating IPs, the iSCSI target):
/// "the primary" of kill-the-primary. The default, <see cref="PrimaryLocator.FromLabState"/>, reads the storage nodes' state.
/// </summary>
public interface IPrimaryLocator
{
    /// <summary>The inventory name of the storage node holding the resources.</summary>
    /// <param name="ct">Cancels the question.</param>
    /// <exception cref="PrimaryUnknownException">No node, or both (split brain), hold them, or the evidence disagrees.</exception>
    Task<string> WhoHoldsResourcesAsync(CancellationToken ct = default);
}
