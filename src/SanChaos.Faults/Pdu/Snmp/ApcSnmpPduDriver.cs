using System.Net;
using System.Net.Sockets;

namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>
/// Switches APC PDU outlets through PowerNet-MIB over SNMP v1/v2c: GET with the read community to read an outlet,
/// SET with the write community to switch it. Errors say which of the usual causes applies (unreachable or wrong
/// community when the agent is silent, unknown outlet with the outlets the PDU reports, read-only community).
/// </summary>
internal sealed class ApcSnmpPduDriver : IPduDriver
{
    private readonly ApcSnmpPduOptions _o;
    private readonly ApcOutletColumn _column;
    private IPEndPoint? _endpoint;
    private int _requestId;
    private volatile bool _disposed;

    /// <summary>Creates the driver; nothing is sent until the first call.</summary>
    public ApcSnmpPduDriver(ApcSnmpPduOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Retries);
        ArgumentNullException.ThrowIfNull(options.ReadCommunity);
        ArgumentNullException.ThrowIfNull(options.WriteCommunity);
        _o = options;
        _column = ApcOutletColumn.For(options.OidFamily);
        _requestId = Random.Shared.Next(1, int.MaxValue / 2);
    }

    /// <inheritdoc />
    public Task PowerOffAsync(int outlet, CancellationToken ct = default) => SwitchAsync(outlet, _column.OffCommand, ct);

    /// <inheritdoc />
    public Task PowerOnAsync(int outlet, CancellationToken ct = default) => SwitchAsync(outlet, _column.OnCommand, ct);

    /// <inheritdoc />
    public async Task<bool> IsOnAsync(int outlet, CancellationToken ct = default)
    {
        CheckOutlet(outlet);
        var oid = _column.Of(outlet);
        var what = $"GET {_column.Describe(outlet)}";
        var response = await RequestAsync(SnmpPduType.GetRequest, _o.ReadCommunity, "read", oid, SnmpValue.Null, outlet, what, ct).ConfigureAwait(false);
        if (response.ErrorStatus == SnmpErrorStatus.NoSuchName)
            throw await UnknownOutletAsync(outlet, $"the agent answered {what} with error-status noSuchName(2)", ct).ConfigureAwait(false);
        if (response.ErrorStatus != SnmpErrorStatus.NoError)
        {
            throw new PduException(
                PduErrorKind.Rejected, _o.Address, outlet,
                $"APC PDU {_o.Address} answered {what} with error-status {Status(response)}.",
                "Check the PDU's event log and that its SNMP agent is healthy; retry the read.");
        }

        var value = SingleValue(response, oid, outlet, what);
        if (value.IsException)
            throw await UnknownOutletAsync(outlet, $"the agent answered {what} with {value.TypeName}", ct).ConfigureAwait(false);
        if (value.Type != SnmpType.Integer)
        {
            throw new PduException(
                PduErrorKind.BadResponse, _o.Address, outlet,
                $"APC PDU {_o.Address} answered {what} with {value} where PowerNet-MIB defines an INTEGER (wrong type).",
                FamilyRemedy());
        }

        long state;
        try
        {
            state = value.AsInt64();
        }
        catch (FormatException e)
        {
            throw new PduException(
                PduErrorKind.BadResponse, _o.Address, outlet,
                $"APC PDU {_o.Address} answered {what} with a malformed INTEGER ({e.Message}).",
                "The agent is not behaving as an SNMP agent should; check that the address is the PDU and update its firmware.",
                e);
        }

        if (state == _column.OnCommand) return true;
        if (state == _column.OffCommand) return false;
        throw new PduException(
            PduErrorKind.BadResponse, _o.Address, outlet,
            $"APC PDU {_o.Address} reports {_column.Describe(outlet)} = {_column.DescribeValue(state)}, which is neither on ({_column.DescribeValue(_column.OnCommand)}) nor off ({_column.DescribeValue(_column.OffCommand)}).",
            "The PDU does not know the outlet's state (a pending delayed command or a relay fault); check the outlet on the PDU's own interface.");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private async Task SwitchAsync(int outlet, long command, CancellationToken ct)
    {
        CheckOutlet(outlet);
        var oid = _column.Of(outlet);
        var what = $"SET {_column.Describe(outlet)} = {_column.DescribeValue(command)}";
        var response = await RequestAsync(SnmpPduType.SetRequest, _o.WriteCommunity, "write", oid, SnmpValue.Integer(command), outlet, what, ct).ConfigureAwait(false);
        switch (response.ErrorStatus)
        {
            case SnmpErrorStatus.NoError:
                return;
            case SnmpErrorStatus.NoSuchName or SnmpErrorStatus.NotWritable or SnmpErrorStatus.NoAccess or SnmpErrorStatus.ReadOnly
                or SnmpErrorStatus.NoCreation or SnmpErrorStatus.InconsistentName or SnmpErrorStatus.AuthorizationError:
                throw await RefusedWriteAsync(outlet, what, response, ct).ConfigureAwait(false);
            case SnmpErrorStatus.BadValue or SnmpErrorStatus.WrongType or SnmpErrorStatus.WrongValue or SnmpErrorStatus.WrongLength
                or SnmpErrorStatus.WrongEncoding or SnmpErrorStatus.InconsistentValue:
                throw new PduException(
                    PduErrorKind.Rejected, _o.Address, outlet,
                    $"APC PDU {_o.Address} rejected {what} with error-status {Status(response)}: it does not take this value for this object. Nothing was switched.",
                    FamilyRemedy());
            default:
                throw new PduException(
                    PduErrorKind.Rejected, _o.Address, outlet,
                    $"APC PDU {_o.Address} failed {what} with error-status {Status(response)}. Nothing was switched.",
                    "Check the PDU's event log (a locked outlet, a firmware fault) and retry.");
        }
    }

    /// <summary>A SET was refused: tell an unknown outlet from a community without write access by reading the outlet.</summary>
    private async Task<PduException> RefusedWriteAsync(int outlet, string what, SnmpMessage response, CancellationToken ct)
    {
        var said = $"the agent answered {what} with error-status {Status(response)}";
        bool? exists;
        string probeNote;
        try
        {
            var probe = await RequestAsync(SnmpPduType.GetRequest, _o.ReadCommunity, "read", _column.Of(outlet), SnmpValue.Null, outlet, $"GET {_column.Describe(outlet)}", ct).ConfigureAwait(false);
            var v = probe.ErrorStatus == SnmpErrorStatus.NoError && probe.VarBinds.Count == 1 ? probe.VarBinds[0].Value : null;
            exists = v is { IsException: false } ? true : probe.ErrorStatus is SnmpErrorStatus.NoSuchName || v is { IsException: true } ? false : null;
            probeNote = exists == true ? $"; reading it with the read community works ({v})" : "";
        }
        catch (PduException e)
        {
            exists = null;
            probeNote = $"; reading the outlet to tell the causes apart failed too: {e.Problem}";
        }

        if (exists == false) return await UnknownOutletAsync(outlet, said, ct).ConfigureAwait(false);
        var causes = exists == true
            ? $"the outlet exists, so the write community (from {_o.CommunitySource}) has no write access on this PDU (a read-only community), or SNMP writes are disabled there"
            : $"either outlet {outlet} does not exist, or the write community (from {_o.CommunitySource}) has no write access on this PDU (a read-only community)";
        return new PduException(
            PduErrorKind.AccessDenied, _o.Address, outlet,
            $"APC PDU {_o.Address} refused to switch outlet {outlet}: {said}{probeNote}. Nothing was switched; {causes}.",
            $"Put the PDU's read-write community in {_o.CommunitySource} (APC web UI: Configuration > Network > SNMPv1 > Access Control, access type 'Write+', NMS IP/host name allowing this machine); check the outlet number against the PDU's outlet list.");
    }

    private async Task<PduException> UnknownOutletAsync(int outlet, string said, CancellationToken ct)
    {
        string reported;
        try
        {
            var outlets = await ListOutletsAsync(ct).ConfigureAwait(false);
            reported = outlets.Count == 0
                ? $"The PDU reports no outlets at all under {_column.Name} ({_column.Column}): it may not implement this MIB column."
                : $"The PDU reports outlets: {string.Join(", ", outlets)}.";
        }
        catch (PduException e)
        {
            reported = $"Listing the PDU's outlets failed too: {e.Problem}";
        }

        return new PduException(
            PduErrorKind.UnknownOutlet, _o.Address, outlet,
            $"APC PDU {_o.Address} has no outlet {outlet}: {said}. {reported} Nothing was switched.",
            $"Use an outlet number the PDU reports (fix the outlet in the inventory); if it reports none, try the other {nameof(ApcSnmpPduOptions.OidFamily)} ({OtherFamily()}).");
    }

    /// <summary>Walks the control column with GETNEXT and returns the outlet numbers found.</summary>
    private async Task<List<int>> ListOutletsAsync(CancellationToken ct)
    {
        var found = new List<int>();
        var at = _column.Column;
        while (found.Count < _o.MaxOutletsListed)
        {
            var r = await RequestAsync(SnmpPduType.GetNextRequest, _o.ReadCommunity, "read", at, SnmpValue.Null, null, $"GETNEXT {at} (listing outlets)", ct).ConfigureAwait(false);
            if (r.ErrorStatus != SnmpErrorStatus.NoError || r.VarBinds.Count != 1) break; // v1 signals the end with noSuchName
            var vb = r.VarBinds[0];
            if (vb.Value.IsException || !vb.Oid.StartsWith(_column.Column) || vb.Oid.Length != _column.Column.Length + 1 || vb.Oid.CompareTo(at) <= 0) break;
            if (vb.Oid.Last <= int.MaxValue) found.Add((int)vb.Oid.Last);
            at = vb.Oid;
        }

        return found;
    }

    private async Task<SnmpMessage> RequestAsync(
        SnmpPduType type, string community, string communityRole, Oid oid, SnmpValue value, int? outlet, string what, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var endpoint = await ResolveAsync(outlet, ct).ConfigureAwait(false);
        var client = new SnmpUdpClient(endpoint, _o.Timeout, _o.Retries, _o.Time);
        var request = SnmpMessage.Request(_o.Version, community, type, NextRequestId(), new VarBind(oid, value));
        try
        {
            return await client.RequestAsync(request, ct).ConfigureAwait(false);
        }
        catch (SnmpNoResponseException e)
        {
            throw new PduException(
                PduErrorKind.NoAnswer, _o.Address, outlet,
                $"No SNMP answer from APC PDU {_o.Address} to {what} (SNMP {VersionName}, {communityRole} community from {_o.CommunitySource}) after {e.Attempts} attempt(s) of {e.PerAttempt.TotalMilliseconds:0} ms. "
                + "Either the PDU is unreachable at that address, or the community is wrong: SNMP agents stay silent on a community they do not know."
                + (e.Ignored.Length > 0 ? $" Ignored datagrams: {e.Ignored}." : "")
                + (type == SnmpPduType.SetRequest ? " The outlet was most likely not switched (unless only the answers were lost); read it back to be sure." : ""),
                $"Check that {_o.Address} is the PDU and answers (`snmpget -{VersionName} -c <{communityRole} community> {_o.Address} {oid}`), that SNMP {VersionName} is enabled on it and allows this machine's address; then fix the {communityRole} community in {_o.CommunitySource}.",
                e);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            throw new PduException(
                PduErrorKind.Unreachable, _o.Address, outlet,
                $"APC PDU {_o.Address} is unreachable for {what}: its host answered ICMP port unreachable, so no SNMP agent listens on UDP port {_o.Port}."
                + (type == SnmpPduType.SetRequest ? " Nothing was switched." : ""),
                $"Check the PDU's address and SNMP port ({_o.Address}) in the inventory and that SNMP is enabled on the PDU.",
                e);
        }
        catch (SocketException e)
        {
            throw new PduException(
                PduErrorKind.Unreachable, _o.Address, outlet,
                $"APC PDU {_o.Address} is unreachable for {what}: {e.SocketErrorCode} ({e.Message})."
                + (type == SnmpPduType.SetRequest ? " Nothing was switched." : ""),
                $"Check the network path to {_o.Address} (routes, firewall) and the PDU's address in the inventory.",
                e);
        }
    }

    private async ValueTask<IPEndPoint> ResolveAsync(int? outlet, CancellationToken ct)
    {
        if (_endpoint is not null) return _endpoint;
        if (IPAddress.TryParse(_o.Host.Trim('[', ']'), out var ip)) return _endpoint = new IPEndPoint(ip, _o.Port);
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(_o.Host, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new PduException(
                PduErrorKind.Unreachable, _o.Address, outlet,
                $"APC PDU host name '{_o.Host}' does not resolve: {e.Message}.",
                "Fix the PDU's host name in the inventory or use its IP address.",
                e);
        }

        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        if (chosen is null)
        {
            throw new PduException(
                PduErrorKind.Unreachable, _o.Address, outlet,
                $"APC PDU host name '{_o.Host}' resolves to no address.",
                "Fix the PDU's host name in the inventory or use its IP address.");
        }

        return _endpoint = new IPEndPoint(chosen, _o.Port);
    }

    private SnmpValue SingleValue(SnmpMessage response, Oid oid, int outlet, string what)
    {
        if (response.VarBinds.Count == 1 && response.VarBinds[0].Oid.Equals(oid)) return response.VarBinds[0].Value;
        throw new PduException(
            PduErrorKind.BadResponse, _o.Address, outlet,
            $"APC PDU {_o.Address} answered {what} with varbinds [{string.Join("; ", response.VarBinds)}] instead of one value for {oid}.",
            "The agent is not behaving as an SNMP agent should; check that the address is the PDU and not another device.");
    }

    private int NextRequestId()
    {
        var id = Interlocked.Increment(ref _requestId) & int.MaxValue;
        return id == 0 ? 1 : id;
    }

    private string VersionName => _o.Version == SnmpVersion.V1 ? "v1" : "v2c";

    private static void CheckOutlet(int outlet) => ArgumentOutOfRangeException.ThrowIfLessThan(outlet, 1);

    private static string Status(SnmpMessage r)
    {
        var name = Enum.IsDefined(r.ErrorStatus) ? $"{char.ToLowerInvariant(r.ErrorStatus.ToString()[0])}{r.ErrorStatus.ToString()[1..]}" : "unknown";
        return $"{name}({(int)r.ErrorStatus}) at varbind {r.ErrorIndex}";
    }

    private string OtherFamily() => _o.OidFamily == ApcOutletOidFamily.SPduOutletCtl
        ? $"{nameof(ApcOutletOidFamily.RPdu2OutletSwitchedControlCommand)} for AP8xxx rack PDUs"
        : $"{nameof(ApcOutletOidFamily.SPduOutletCtl)} for MasterSwitch/AP79xx PDUs";

    private string FamilyRemedy() =>
        $"This PDU may use the other PowerNet-MIB outlet column: set {nameof(ApcSnmpPduOptions.OidFamily)} to {OtherFamily()} (now {_column.Name}).";
}
