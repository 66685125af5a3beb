namespace SanChaos.Inventory.Model;

/// <summary>Heartbeat v1 (ha.cf, authkeys, haresources) settings. Defaults are the seeds'.</summary>
/// <param name="Keepalive">Interval between heartbeats. Default 1 s.</param>
/// <param name="Deadtime">Silence after which the peer is declared dead. Default 10 s.</param>
/// <param name="Warntime">Silence after which a late heartbeat is logged. Default 5 s.</param>
/// <param name="Initdead">Deadtime at start-up. Default 60 s.</param>
/// <param name="UdpPort">UDP port of <c>bcast</c>. Default 694.</param>
/// <param name="Baud">Serial link speed. Default 9600.</param>
/// <param name="AutoFailback">Move resources back to the preferred node when it returns. Default false.</param>
/// <param name="PreferredNode">Node named first on the haresources line. Default: the second storage node (weasel in the seeds).</param>
/// <param name="AuthMethod">authkeys method: sha1 (default), md5 or crc.</param>
/// <param name="AuthKey">The shared key, by reference; null = a key derived from the lab's name (the embedded lab only: a rack's
/// inventory must name one, <see cref="AuthKeyFix"/>).</param>
/// <param name="Serial">Use the serial cable as a heartbeat path. Default true.</param>
/// <param name="Bcast">Heartbeat over <c>bcast</c> on the replication interface. Default true.</param>
public sealed record HeartbeatConfig(
    TimeSpan Keepalive, TimeSpan Deadtime, TimeSpan Warntime, TimeSpan Initdead, int UdpPort, int Baud,
    bool AutoFailback, string? PreferredNode, string AuthMethod, SecretRef? AuthKey, bool Serial, bool Bcast)
{
    /// <summary>The seeds' values.</summary>
    public static HeartbeatConfig Seeds { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), 694, 9600, false, null, "sha1", null, true, true);

    /// <summary>How a rack gets a Heartbeat key of its own: the command that creates a random one readable by its owner only, and the inventory line naming it.</summary>
    /// <param name="lab">The lab's name (names the key file).</param>
    public static string AuthKeyFix(string lab)
    {
        var file = $"/etc/sanchaos/{lab}-authkey";
        return $"Create a random key readable by you only: `(umask 077; mkdir -p /etc/sanchaos && openssl rand -hex 32 > {file})`, " +
               $"then write `auth_key: {{ file: {file} }}` under `sut: heartbeat:` (or `auth_key: {{ env: NAME }}` with the key in that variable). " +
               "Both storage nodes get it in /etc/ha.d/authkeys (mode 600).";
    }
}
