namespace SanChaos.Config.Heartbeat;

/// <summary>One resource of a haresources group: <c>agent::arg1::arg2</c>.</summary>
/// <param name="Agent">The resource script (<c>drbddisk</c>, <c>LVM</c>, <c>IPaddr2</c>, an init script).</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Text">The word as written.</param>
/// <param name="Location">Its line.</param>
public sealed record HaResource(string Agent, IReadOnlyList<string> Args, string Text, ConfigLocation Location)
{
    /// <summary>True for the agents that bring up a floating IP (and send gratuitous ARP when they do).</summary>
    public bool IsIpAddress => Agent is "IPaddr" or "IPaddr2";
}
