namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>
/// How to reach an APC switched PDU over SNMP v1/v2c (PowerNet-MIB). Create the driver with
/// <see cref="PduDrivers.CreateApcSnmp"/>.
/// </summary>
public sealed class ApcSnmpPduOptions
{
    /// <summary>The PDU's management address: an IP address or a host name. Required.</summary>
    public required string Host { get; init; }

    /// <summary>UDP port of the PDU's SNMP agent. Default 161.</summary>
    public int Port { get; init; } = 161;

    /// <summary>SNMP version. Default <see cref="SnmpVersion.V1"/>, which every APC management card speaks.</summary>
    public SnmpVersion Version { get; init; } = SnmpVersion.V1;

    /// <summary>Community for GET and GETNEXT (reading outlet state). Default <c>public</c>.</summary>
    public string ReadCommunity { get; init; } = "public";

    /// <summary>Community for SET (switching outlets); must have write access on the PDU. Default <c>private</c>.</summary>
    public string WriteCommunity { get; init; } = "private";

    /// <summary>
    /// Where the communities come from (e.g. <c>lab/rack.yaml, pdus.apc1</c>), named in errors so the user knows what
    /// to fix. Community values themselves are never printed. Default: <c>the APC PDU options (ReadCommunity, WriteCommunity)</c>.
    /// </summary>
    public string CommunitySource { get; init; } = "the APC PDU options (ReadCommunity, WriteCommunity)";

    /// <summary>Which outlet-control column to use. Default <see cref="ApcOutletOidFamily.SPduOutletCtl"/>.</summary>
    public ApcOutletOidFamily OidFamily { get; init; } = ApcOutletOidFamily.SPduOutletCtl;

    /// <summary>How long to wait for the answer to each attempt. Default 1 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times to resend an unanswered request (so 1 + Retries attempts). Default 2.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>At most this many outlets are listed when an error reports the outlets the PDU has. Default 64.</summary>
    public int MaxOutletsListed { get; init; } = 64;

    /// <summary>Clock for timeouts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary><c>host:port</c>, as errors name the PDU.</summary>
    public string Address => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
