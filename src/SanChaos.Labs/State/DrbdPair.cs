namespace SanChaos.Labs.State;

/// <summary>A local/peer pair as <c>drbdadm role</c> and <c>drbdadm dstate</c> print it (<c>Primary/Secondary</c>).</summary>
/// <param name="Local">This node's value.</param>
/// <param name="Peer">The peer's value as this node knows it.</param>
public sealed record DrbdPair(string Local, string Peer)
{
    /// <inheritdoc />
    public override string ToString() => $"{Local}/{Peer}";
}
