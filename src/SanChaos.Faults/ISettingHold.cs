namespace SanChaos.Faults;

/// <summary>
/// A service that reads a node's setting at boot and works between nodes (DRBD's replication): held on the nodes that
/// stayed up while a node that missed the setting's heal boots, so the booting node cannot join with the drill's value;
/// settled once every setting is back. One hold serves every setting that names the same <see cref="Name"/>.
/// </summary>
public interface ISettingHold
{
    /// <summary>What is held, as an engineer says it (<c>DRBD resource r0</c>); the key that groups settings.</summary>
    string Name { get; }

    /// <summary>
    /// Holds the service on the nodes not in <paramref name="nodesOff"/> before those come back (DRBD: disconnect the peer,
    /// so a booting node waits in WFConnection instead of connecting with its stale setting); returns what it did.
    /// </summary>
    /// <param name="nodesOff">The nodes that are off and will boot with the drill's setting.</param>
    /// <param name="ct">Cancels it.</param>
    Task<string> HoldAsync(IReadOnlyCollection<string> nodesOff, CancellationToken ct);

    /// <summary>
    /// After every heal: applies the restored files on every node and waits until the service is whole again (DRBD:
    /// <c>drbdadm adjust all</c> on both nodes, then both connected); returns what it found. Throws when it is not whole
    /// in time.
    /// </summary>
    /// <param name="ct">Cancels it.</param>
    Task<string> SettleAsync(CancellationToken ct);

    /// <summary>What <see cref="HoldAsync"/> would do, for a dry run (touches nothing).</summary>
    IReadOnlyList<string> DescribeHold(IReadOnlyCollection<string> nodesOff);

    /// <summary>What <see cref="SettleAsync"/> would do, for a dry run (touches nothing).</summary>
    IReadOnlyList<string> DescribeSettle();
}
