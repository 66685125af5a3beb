namespace SanChaos.Observers.Timeline;

/// <summary>What one storage node's Heartbeat logged about its paths, counted from the timeline.</summary>
/// <param name="Node">The node whose ha-log it is.</param>
/// <param name="AuthFailures">Lines "node [peer] failed authentication": a packet whose signature did not check (a cut or
/// corrupted frame on the serial line, or another key).</param>
/// <param name="LostPackets">Packets Heartbeat counted as lost (the sum of "N lost packet(s) for [peer]").</param>
/// <param name="LinkDeaths">Lines "Link peer:path dead".</param>
/// <param name="SerialLinkDeaths">Of <paramref name="LinkDeaths"/>, those of a serial path (<c>/dev/tty…</c>).</param>
public sealed record HeartbeatLineCounts(string Node, int AuthFailures, long LostPackets, int LinkDeaths, int SerialLinkDeaths);
