using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Pdu;
using SanChaos.Faults.Pdu.Redfish;
using SanChaos.Faults.Pdu.Snmp;
using SanChaos.Inventory.Model;
using SanChaos.Labs;

namespace SanChaos.Faults.Power;

/// <summary>
/// Builds a PDU driver from the inventory's <see cref="PduSpec"/>: the address from the lab's
/// <see cref="IPduEndpoints"/> (the embedded lab's PDU listens on a port chosen at <c>lab up</c>) or the inventory,
/// the password (Redfish) or write community (SNMP) from its <see cref="SecretRef"/>, resolved only when needed.
/// </summary>
internal sealed class PduConnector(ILab lab, FaultCatalogOptions options)
{
    /// <summary>Where <paramref name="pdu"/> listens; throws saying what to do when it cannot be known.</summary>
    public string AddressOf(PduSpec pdu)
    {
        if (lab is IPduEndpoints endpoints) return endpoints.AddressOf(pdu);
        if (pdu.Address == "embedded")
            throw new SanChaosException(
                $"PDU {pdu.Name} of lab {lab.Inventory.Name} has `address: embedded` ({pdu.Location}), but this lab runs no PDU of its own.",
                $"Write the PDU's real address in {lab.Inventory.SourcePath}, or drill the embedded lab.");
        return pdu.Address;
    }

    /// <summary>A driver for <paramref name="pdu"/>; dispose it after use.</summary>
    public IPduDriver Connect(PduSpec pdu)
    {
        var address = AddressOf(pdu);
        string secret;
        try
        {
            secret = pdu.Password.Resolve();
        }
        catch (SanChaosException e)
        {
            throw new SanChaosException($"Cannot switch outlets of PDU {pdu.Name} ({pdu.Location}): {e.Problem}", e.Remedy, e);
        }

        var source = $"{lab.Inventory.SourcePath}, pdus.{pdu.Name} (user, password: {pdu.Password.Describe()})";
        return pdu.Driver switch
        {
            PduDriverKind.Redfish => PduDrivers.CreateRedfish(new RedfishPduOptions
            {
                BaseUrl = RedfishUrl(pdu, address),
                PduId = options.RedfishPduId,
                User = pdu.User,
                Password = secret,
                CredentialsSource = source,
                Timeout = options.PduRequestTimeout,
                AcceptAnyServerCertificate = options.AcceptAnyPduCertificate,
            }),
            PduDriverKind.ApcSnmp => SnmpDriver(pdu, address, secret, source),
            _ => throw new SanChaosException($"PDU {pdu.Name} has driver {pdu.Driver}, which SanChaos cannot drive.", "Use redfish or apc-snmp."),
        };
    }

    private static Uri RedfishUrl(PduSpec pdu, string address)
    {
        var text = address.Contains("://", StringComparison.Ordinal) ? address : "https://" + address;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new SanChaosException($"PDU {pdu.Name} ({pdu.Location}) has the address '{address}', which is not an http(s) URL or host:port.",
                "Write `address: https://host` or `address: host:port`.");
    }

    private IPduDriver SnmpDriver(PduSpec pdu, string address, string community, string source)
    {
        var (host, port) = HostPort(pdu, address);
        return PduDrivers.CreateApcSnmp(new ApcSnmpPduOptions
        {
            Host = host,
            Port = port,
            ReadCommunity = string.IsNullOrEmpty(pdu.User) ? "public" : pdu.User,
            WriteCommunity = community,
            CommunitySource = source.Replace("(user, password:", "(user = read community, password = write community:", StringComparison.Ordinal),
            Time = options.Time,
        });
    }

    /// <summary>Splits <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>; the port defaults to 161.</summary>
    internal static (string Host, int Port) HostPort(PduSpec pdu, string address)
    {
        var a = address.Trim();
        string host;
        string? port = null;
        if (a.StartsWith('['))
        {
            var close = a.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw BadAddress(pdu, address);
            host = a[1..close];
            if (close + 1 < a.Length)
            {
                if (a[close + 1] != ':') throw BadAddress(pdu, address);
                port = a[(close + 2)..];
            }
        }
        else
        {
            var colon = a.LastIndexOf(':');
            if (colon >= 0 && a.IndexOf(':', StringComparison.Ordinal) != colon) return (a, 161); // bare IPv6
            host = colon < 0 ? a : a[..colon];
            port = colon < 0 ? null : a[(colon + 1)..];
        }

        if (host.Length == 0) throw BadAddress(pdu, address);
        if (port is null) return (host, 161);
        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
            ? (host, p)
            : throw BadAddress(pdu, address);
    }

    private static SanChaosException BadAddress(PduSpec pdu, string address) =>
        new($"PDU {pdu.Name} ({pdu.Location}) has the address '{address}', which is not host, host:port or [ipv6]:port.",
            "Write `address: 172.16.1.250:161` (SNMP) in the inventory.");
}
