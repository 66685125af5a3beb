using SanChaos.Config.Drbd;

namespace SanChaos.Config.Timing;

/// <summary>How fast DRBD notices a lost peer on a storage node, and how long drbddisk waits for it.</summary>
/// <param name="Node">The node.</param>
/// <param name="Syntax">The dialect (0.7 has no ping-timeout: the ping's answer is awaited for <c>timeout</c>).</param>
/// <param name="Timeout">Time an expected answer may take before the peer is dropped.</param>
/// <param name="PingInt">Idle time after which DRBD pings the peer.</param>
/// <param name="PingAnswer">Time the ping's answer may take (ping-timeout; <c>timeout</c> in 0.7).</param>
/// <param name="RetryWindow">How long drbddisk keeps retrying the promotion.</param>
public sealed record DrbdTimings(string Node, DrbdSyntax Syntax, Setting<TimeSpan> Timeout, Setting<TimeSpan> PingInt, Setting<TimeSpan> PingAnswer, Setting<TimeSpan> RetryWindow)
{
    /// <summary>
    /// The latest DRBD notices a peer that went silent: an idle connection pings after ping-int and waits for the answer;
    /// with I/O in flight the answer to the request is awaited for <c>timeout</c>.
    /// </summary>
    public TimeSpan PeerLossMax => PingInt.Value + PingAnswer.Value > Timeout.Value ? PingInt.Value + PingAnswer.Value : Timeout.Value;

    /// <summary>Where <see cref="PeerLossMax"/> comes from.</summary>
    public string PeerLossSource => $"{PingInt.Source}; {PingAnswer.Source}; {Timeout.Source}";
}
