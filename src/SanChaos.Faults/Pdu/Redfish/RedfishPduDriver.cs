using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SanChaos.Labs.Redfish;

namespace SanChaos.Faults.Pdu.Redfish;

/// <summary>
/// Switches outlets of a Redfish PDU: GET an Outlet resource for its PowerState, POST Outlet.PowerControl to switch
/// it. HTTP Basic authentication on every request. Errors name the PDU, the outlet and the HTTP status and say what
/// to fix; on any error nothing has been switched by this driver.
/// </summary>
internal sealed class RedfishPduDriver : IPduDriver, IOutletSwitchRecord
{
    private const int MaxBodyInMessage = 1000;
    private readonly RedfishPduOptions _o;
    private readonly HttpClient _http;
    private readonly string _address;

    /// <summary>Creates the driver; nothing is sent until the first call.</summary>
    public RedfishPduDriver(RedfishPduOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.BaseUrl);
        if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"The Redfish PDU base URL must be an absolute http or https URL, not '{options.BaseUrl}'.", nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.PduId);
        ArgumentNullException.ThrowIfNull(options.User);
        ArgumentNullException.ThrowIfNull(options.Password);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        _o = options;
        _address = options.BaseUrl.GetLeftPart(UriPartial.Authority);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        if (options.AcceptAnyServerCertificate)
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        _http = new HttpClient(handler) { BaseAddress = new Uri(_address + "/"), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Add("OData-Version", "4.0");
    }

    /// <inheritdoc />
    public Task PowerOffAsync(int outlet, CancellationToken ct = default) => PowerControlAsync(outlet, "Off", ct);

    /// <inheritdoc />
    public Task PowerOnAsync(int outlet, CancellationToken ct = default) => PowerControlAsync(outlet, "On", ct);

    /// <summary>
    /// Reads the outlet's PowerState: <c>On</c> and <c>PoweringOff</c> (still powered) are true, <c>Off</c> and
    /// <c>PoweringOn</c> (not yet powered) false; anything else is an error.
    /// </summary>
    public async Task<bool> IsOnAsync(int outlet, CancellationToken ct = default)
    {
        var (state, _, what, body) = await OutletAsync(outlet, ct).ConfigureAwait(false);
        return state switch
        {
            "On" or "PoweringOff" => true,
            "Off" or "PoweringOn" => false,
            _ => throw new PduException(
                PduErrorKind.BadResponse, _address, outlet,
                $"Redfish PDU {_address} answered {what} with PowerState {(state is null ? "missing" : $"'{state}'")}, not On or Off: {Clip(body)}",
                "Check the outlet on the PDU's own interface; it may be locked, faulty or not switchable."),
        };
    }

    /// <summary>
    /// The Outlet's <c>Oem.SanChaos.PowerStateChanged</c> (the embedded PDU's record of when it switched the outlet), or
    /// null when the PDU does not serve it (a rack PDU) or serves something that is not a time.
    /// </summary>
    public async Task<DateTimeOffset?> SwitchedAtAsync(int outlet, CancellationToken ct = default) =>
        (await OutletAsync(outlet, ct).ConfigureAwait(false)).Changed;

    /// <summary>GETs an Outlet: its PowerState and the PDU's record of its last change (either may be missing).</summary>
    private async Task<(string? State, DateTimeOffset? Changed, string What, string Body)> OutletAsync(int outlet, CancellationToken ct)
    {
        CheckOutlet(outlet);
        var path = RedfishSchema.OutletPath(_o.PduId, outlet);
        var what = $"GET {path}";
        var r = await SendAsync(HttpMethod.Get, path, null, outlet, what, ct).ConfigureAwait(false);
        if (r.Status != HttpStatusCode.OK) throw await FailureAsync(r, outlet, what, switching: false, ct).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(r.Body);
            var root = doc.RootElement;
            var state = root.TryGetProperty("PowerState", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            DateTimeOffset? changed = root.TryGetProperty("Oem", out var oem) && oem.ValueKind == JsonValueKind.Object
                && oem.TryGetProperty(RedfishSchema.OemVendor, out var vendor) && vendor.ValueKind == JsonValueKind.Object
                && vendor.TryGetProperty(RedfishSchema.OemPowerStateChanged, out var c) && c.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(c.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var t)
                ? t
                : null;
            return (state, changed, what, r.Body);
        }
        catch (JsonException e)
        {
            throw new PduException(
                PduErrorKind.BadResponse, _address, outlet,
                $"Redfish PDU {_address} answered {what} with HTTP 200 but a body that is not JSON ({e.Message}): {Clip(r.Body)}",
                "Check that the base URL points at the PDU's Redfish service.",
                e);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task PowerControlAsync(int outlet, string powerState, CancellationToken ct)
    {
        CheckOutlet(outlet);
        var path = RedfishSchema.PowerControlPath(_o.PduId, outlet);
        var what = $"POST {path} (PowerState {powerState})";
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["PowerState"] = powerState });
        var r = await SendAsync(HttpMethod.Post, path, body, outlet, what, ct).ConfigureAwait(false);
        if ((int)r.Status is >= 200 and < 300) return;
        throw await FailureAsync(r, outlet, what, switching: true, ct).ConfigureAwait(false);
    }

    private async Task<PduException> FailureAsync(Reply r, int outlet, string what, bool switching, CancellationToken ct)
    {
        var nothing = switching ? " Nothing was switched." : "";
        var code = (int)r.Status;
        switch (r.Status)
        {
            case HttpStatusCode.Unauthorized:
                return new PduException(
                    PduErrorKind.AuthenticationFailed, _address, outlet,
                    $"Redfish PDU {_address} refused the credentials of user '{_o.User}' for {what} (HTTP 401 Unauthorized{Detail(r.Body)}).{nothing}",
                    $"Fix the user and password in {_o.CredentialsSource}; check on the PDU that the account '{_o.User}' exists, is enabled and is not locked out after failed logins.");
            case HttpStatusCode.Forbidden:
                return new PduException(
                    PduErrorKind.AccessDenied, _address, outlet,
                    $"Redfish PDU {_address} accepted user '{_o.User}' but forbids {what} (HTTP 403 Forbidden{Detail(r.Body)}).{nothing}",
                    $"Give '{_o.User}' a role that may switch outlets (privilege ConfigureComponents) on the PDU, or put such an account in {_o.CredentialsSource}.");
            case HttpStatusCode.NotFound:
                return new PduException(
                    PduErrorKind.UnknownOutlet, _address, outlet,
                    $"Redfish PDU {_address} has no outlet {outlet} on rack PDU '{_o.PduId}': {what} answered HTTP 404 Not Found{Detail(r.Body)}. {await DescribeOutletsAsync(ct).ConfigureAwait(false)}{nothing}",
                    "Use an outlet the PDU reports (fix the outlet number in the inventory), and check the PDU id.");
            case var s when code is >= 300 and < 400:
                return new PduException(
                    PduErrorKind.Rejected, _address, outlet,
                    $"Redfish PDU {_address} redirected {what} (HTTP {code} {s}) to '{r.Location}'.{nothing}",
                    "Set the PDU's base URL to where it redirects (often https instead of http).");
            default:
                var detail = Detail(r.Body);
                var outcome = !switching ? "" : code >= 500
                    ? " The PDU may have switched part of the request; read the outlet back."
                    : nothing;
                return new PduException(
                    PduErrorKind.Rejected, _address, outlet,
                    $"Redfish PDU {_address} answered {what} with HTTP {code} {r.Status}{(detail.Length > 0 ? detail : $", body: {Clip(r.Body)}")}.{outcome}",
                    code >= 500
                        ? "The PDU failed to carry out the request; check its event log and the device on the outlet, then retry."
                        : "The PDU did not accept the request; check the PDU's firmware supports Outlet.PowerControl and the outlet is not locked.");
        }
    }

    /// <summary>Says which outlets the PDU reports, or which rack PDUs when the PDU id itself is wrong.</summary>
    private async Task<string> DescribeOutletsAsync(CancellationToken ct)
    {
        try
        {
            var outlets = await MemberIdsAsync(RedfishSchema.OutletsPath(_o.PduId), ct).ConfigureAwait(false);
            if (outlets is not null)
                return outlets.Count == 0 ? $"Rack PDU '{_o.PduId}' reports no outlets." : $"Rack PDU '{_o.PduId}' reports outlets: {string.Join(", ", outlets)}.";
            var pdus = await MemberIdsAsync(RedfishSchema.RackPdusPath, ct).ConfigureAwait(false);
            return pdus is null
                ? $"The PDU has no {RedfishSchema.RackPdusPath} collection either: it may not implement Redfish PowerEquipment."
                : $"The PDU has no rack PDU '{_o.PduId}'; it reports rack PDUs: {(pdus.Count == 0 ? "none" : string.Join(", ", pdus))}.";
        }
        catch (PduException e)
        {
            return $"Listing the outlets failed too: {e.Problem}";
        }
    }

    /// <summary>The member ids of a collection, or null when the collection does not exist (404).</summary>
    private async Task<List<string>?> MemberIdsAsync(string path, CancellationToken ct)
    {
        var r = await SendAsync(HttpMethod.Get, path, null, null, $"GET {path}", ct).ConfigureAwait(false);
        if (r.Status == HttpStatusCode.NotFound) return null;
        if (r.Status != HttpStatusCode.OK)
            throw new PduException(PduErrorKind.Rejected, _address, null, $"GET {path} answered HTTP {(int)r.Status} {r.Status}{Detail(r.Body)}.", "");
        var ids = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(r.Body);
            if (doc.RootElement.TryGetProperty("Members", out var members) && members.ValueKind == JsonValueKind.Array)
            {
                foreach (var m in members.EnumerateArray())
                {
                    if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("@odata.id", out var id) && id.GetString() is { } s)
                        ids.Add(Uri.UnescapeDataString(s.TrimEnd('/')[(s.TrimEnd('/').LastIndexOf('/') + 1)..]));
                }
            }
        }
        catch (JsonException e)
        {
            throw new PduException(PduErrorKind.BadResponse, _address, null, $"GET {path} answered a body that is not JSON ({e.Message}).", "");
        }

        return ids;
    }

    private async Task<Reply> SendAsync(HttpMethod method, string path, string? json, int? outlet, string what, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_o.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var nothing = method == HttpMethod.Post ? " Nothing was switched." : "";
        var unsure = method == HttpMethod.Post ? " The outlet was most likely not switched; read it back to be sure." : "";
        try
        {
            using var response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            return new Reply(response.StatusCode, body, response.Headers.Location);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PduException(
                PduErrorKind.Unreachable, _address, outlet,
                $"Redfish PDU {_address} did not answer {what} within {_o.Timeout.TotalSeconds:0.###} s.{unsure}",
                $"Check that {_address} is the PDU's address and reachable from this machine (routes, firewall), and that its web service is enabled.",
                e);
        }
        catch (HttpRequestException e)
        {
            var cause = e.InnerException is SocketException se ? $"{se.SocketErrorCode}: {se.Message}" : e.Message;
            var kind = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
                ? PduErrorKind.Unreachable
                : PduErrorKind.BadResponse;
            throw new PduException(
                kind, _address, outlet,
                $"Redfish PDU {_address} is unreachable for {what}: {e.HttpRequestError} ({cause}).{nothing}",
                e.HttpRequestError == HttpRequestError.SecureConnectionError
                    ? $"The PDU's TLS certificate is not trusted here: trust it, or set {nameof(RedfishPduOptions.AcceptAnyServerCertificate)} for a lab PDU."
                    : $"Check the PDU's base URL ({_o.BaseUrl}) in the inventory, that the PDU is powered and on the network, and that its Redfish (web) service is enabled.",
                e);
        }
    }

    /// <summary>The Redfish error message(s) from an error body, prefixed with ": ", or empty.</summary>
    private static string Detail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return "";
            var parts = new List<string>();
            if (error.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } msg) parts.Add(msg);
            if (error.TryGetProperty("@Message.ExtendedInfo", out var info) && info.ValueKind == JsonValueKind.Array)
            {
                foreach (var i in info.EnumerateArray())
                {
                    if (i.ValueKind == JsonValueKind.Object && i.TryGetProperty("Message", out var im) && im.GetString() is { Length: > 0 } s && !parts.Contains(s))
                        parts.Add(s);
                }
            }

            return parts.Count == 0 ? "" : ": " + string.Join(" ", parts.Select(x => x.TrimEnd('.', ' ')));
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string Clip(string body)
    {
        var b = body.ReplaceLineEndings(" ").Trim();
        if (b.Length == 0) return "(empty)";
        return b.Length <= MaxBodyInMessage ? b : b[..MaxBodyInMessage] + "…";
    }

    private static void CheckOutlet(int outlet) => ArgumentOutOfRangeException.ThrowIfLessThan(outlet, 1);

    private sealed record Reply(HttpStatusCode Status, string Body, Uri? Location);
}
