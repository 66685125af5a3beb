using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SanChaos.Core.Errors;
using SanChaos.Labs;
using SanChaos.Labs.Redfish;

namespace SanChaos.Labs.Kinds.Embedded.Pdu;

/// <summary>
/// The embedded lab's PDU: a small but real Redfish service on 127.0.0.1 (HTTP, <see cref="HttpListener"/>). It
/// serves the service root, <c>PowerEquipment</c>, the <c>RackPDUs</c> collection, one rack PDU, its <c>Outlets</c>
/// collection and each <c>Outlet</c> (<c>#Outlet.v1_4_0.Outlet</c>) with its <c>#Outlet.PowerControl</c> action.
/// Everything below the service root needs HTTP Basic authentication (401 with <c>WWW-Authenticate</c> otherwise);
/// unknown outlets answer 404, a PowerState other than On, Off or PowerCycle 400.
/// A PowerControl calls the <see cref="IOutletActuator"/> for the outlet's device; an Outlet's PowerState is read
/// from <see cref="IOutletActuator.IsPowered"/> on every GET, so it tells the truth even when the actuator failed
/// (which answers 500 with the actuator's message). Actuator calls are serialized. An actuator that records when it
/// switched (<see cref="IOutletClock"/>) has that instant served in the Outlet's <c>Oem.SanChaos.PowerStateChanged</c>.
/// </summary>
public sealed class RedfishPduServer : IAsyncDisposable
{
    private const int MaxRequestBody = 64 * 1024;
    private const int FreePortAttempts = 20;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly RedfishPduServerOptions _o;
    private readonly IOutletActuator _actuator;
    private readonly SemaphoreSlim _actuatorGate = new(1, 1);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly object _inflightLock = new();
    private readonly Dictionary<Task, HttpListenerContext> _inflight = [];
    private HttpListener? _listener;
    private Task? _acceptLoop;
    private CancellationTokenSource? _stopping;
    private CancellationTokenSource? _abort;
    private int _port;
    private bool _disposed;

    /// <summary>Creates the server; it listens once <see cref="StartAsync"/> is called.</summary>
    /// <param name="options">Port, PDU id, credentials and outlet map; see <see cref="RedfishPduServerOptions"/>.</param>
    /// <param name="actuator">What switching an outlet does in the lab.</param>
    public RedfishPduServer(RedfishPduServerOptions options, IOutletActuator actuator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(actuator);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentException.ThrowIfNullOrEmpty(options.PduId);
        ArgumentException.ThrowIfNullOrEmpty(options.User);
        ArgumentException.ThrowIfNullOrEmpty(options.Password);
        ArgumentNullException.ThrowIfNull(options.Outlets);
        if (options.Outlets.Count == 0) throw new ArgumentException("The PDU needs at least one outlet.", nameof(options));
        foreach (var (n, device) in options.Outlets)
        {
            if (n < 1) throw new ArgumentException($"Outlet numbers start at 1; {n} is not one.", nameof(options));
            if (string.IsNullOrWhiteSpace(device)) throw new ArgumentException($"Outlet {n} feeds no device (empty name).", nameof(options));
        }

        _o = options;
        _actuator = actuator;
    }

    /// <summary>The TCP port the server listens on (the one picked when <see cref="RedfishPduServerOptions.Port"/> is 0).</summary>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public int Port => _listener is not null ? _port : throw new InvalidOperationException("The Redfish PDU server is not running; call StartAsync first.");

    /// <summary><c>http://127.0.0.1:{Port}/</c>, the base URL the Redfish PDU driver (<c>RedfishPduOptions.BaseUrl</c> in SanChaos.Faults) needs.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>True between <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _listener is not null;

    /// <summary>Starts listening on 127.0.0.1.</summary>
    /// <exception cref="SanChaosException">The configured port is taken, or no free port could be bound.</exception>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _lifecycle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_listener is not null) throw new InvalidOperationException($"The Redfish PDU server already listens on port {_port}.");
            var (listener, port) = Bind();
            _listener = listener;
            _port = port;
            _stopping = new CancellationTokenSource();
            _abort = new CancellationTokenSource();
            var stopping = _stopping.Token;
            var abort = _abort.Token;
            _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, stopping, abort), CancellationToken.None);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops listening: new requests are refused, requests in progress get <see cref="RedfishPduServerOptions.StopGrace"/>
    /// to finish and are then cancelled, and the listener is closed. Idempotent.
    /// </summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            var listener = _listener;
            if (listener is null) return;
            var stopping = _stopping!;
            var abort = _abort!;
            await stopping.CancelAsync().ConfigureAwait(false); // the accept loop now turns new requests away
            await InflightDoneAsync(_o.StopGrace).ConfigureAwait(false);
            await abort.CancelAsync().ConfigureAwait(false); // requests still running: cancel their actuator calls
            await InflightDoneAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            lock (_inflightLock)
            {
                // A request whose actuator ignores cancellation gets its connection dropped, never a made-up answer.
                foreach (var context in _inflight.Values) context.Response.Abort();
            }

            listener.Close();
            try
            {
                await _acceptLoop!.ConfigureAwait(false);
            }
            finally
            {
                // An actuator that ignores cancellation must not hang the lab's teardown: its connection is gone already.
                await InflightDoneAsync(_o.StopGrace).ConfigureAwait(false);
                lock (_inflightLock)
                {
                    if (_inflight.Count == 0)
                    {
                        // Otherwise a leftover handler may still look at the tokens; CTSs without timers need no disposal.
                        stopping.Dispose();
                        abort.Dispose();
                    }
                }

                _listener = null;
                _stopping = null;
                _abort = null;
                _acceptLoop = null;
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the server (see <see cref="StopAsync"/>) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await StopAsync().ConfigureAwait(false);
        _disposed = true;
    }

    private async Task InflightDoneAsync(TimeSpan wait)
    {
        Task[] inflight;
        lock (_inflightLock) inflight = [.. _inflight.Keys];
        if (inflight.Length > 0) await Task.WhenAny(Task.WhenAll(inflight), Task.Delay(wait)).ConfigureAwait(false);
    }

    private (HttpListener Listener, int Port) Bind()
    {
        var attempts = _o.Port == 0 ? FreePortAttempts : 1;
        HttpListenerException? last = null;
        for (var i = 0; i < attempts; i++)
        {
            var port = _o.Port != 0 ? _o.Port : FreeLoopbackPort();
            var listener = new HttpListener { IgnoreWriteExceptions = true, AuthenticationSchemes = AuthenticationSchemes.Anonymous };
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException e)
            {
                listener.Close();
                last = e;
            }
        }

        throw _o.Port != 0
            ? new SanChaosException(
                $"The lab's Redfish PDU cannot listen on 127.0.0.1:{_o.Port}: {last!.Message} (error {last.ErrorCode}).",
                $"Another process holds port {_o.Port} (see `ss -ltnp 'sport = :{_o.Port}'`); choose another port, or 0 to pick a free one.",
                last)
            : new SanChaosException(
                $"The lab's Redfish PDU found no free port on 127.0.0.1 after {attempts} attempts: {last!.Message}.",
                "Check that loopback networking works in this namespace (`ip link show lo`) and that ephemeral ports are not exhausted.",
                last);
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private async Task AcceptLoopAsync(HttpListener listener, CancellationToken stopping, CancellationToken abort)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // the listener was closed by StopAsync
            }

            var task = HandleAsync(context, stopping, abort);
            lock (_inflightLock) _inflight.Add(task, context);
            _ = task.ContinueWith(
                t =>
                {
                    lock (_inflightLock) _inflight.Remove(t);
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken stopping, CancellationToken abort)
    {
        await Task.Yield();
        try
        {
            // Whatever path fails to set a status must not let the connection close as a made-up 200 OK.
            context.Response.StatusCode = 500;
            if (stopping.IsCancellationRequested)
            {
                await WriteErrorAsync(context, 503, RedfishSchema.MessageGeneralError, "The PDU service is shutting down.", "Retry against a running lab.").ConfigureAwait(false);
                return;
            }

            await RouteAsync(context, abort).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            try
            {
                await WriteErrorAsync(context, 500, RedfishSchema.MessageGeneralError, $"The PDU failed to handle the request: {e.GetType().Name}: {e.Message}", "Check the lab's log.").ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The connection is gone; nothing more to say to this client.
            }
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception)
            {
                // Already closed or aborted.
            }
        }
    }

    private async Task RouteAsync(HttpListenerContext context, CancellationToken abort)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath.TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var method = request.HttpMethod;

        // The version object and the service root are open to all, as Redfish requires.
        if (path == "/redfish")
        {
            await GetOnlyAsync(context, method, () => new JsonObject { ["v1"] = "/redfish/v1/" }).ConfigureAwait(false);
            return;
        }

        if (path == RedfishSchema.ServiceRootPath)
        {
            await GetOnlyAsync(context, method, ServiceRoot).ConfigureAwait(false);
            return;
        }

        if (!Authenticated(request))
        {
            context.Response.AddHeader("WWW-Authenticate", $"Basic realm=\"{_o.Name.Replace("\"", "'", StringComparison.Ordinal)}\", charset=\"UTF-8\"");
            await WriteErrorAsync(
                context, 401, RedfishSchema.MessageNoValidSession,
                request.Headers["Authorization"] is null ? "Authentication is required." : "The user name or password is wrong.",
                "Send HTTP Basic credentials of a PDU account.").ConfigureAwait(false);
            return;
        }

        // /redfish/v1/PowerEquipment[/RackPDUs[/{id}[/Outlets[/{n}[/Actions/Outlet.PowerControl]]]]]
        var s = segments;
        var n = s.Length;
        if (n < 3 || s[0] != "redfish" || s[1] != "v1" || s[2] != "PowerEquipment")
        {
            await NotFoundAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (n == 3)
        {
            await GetOnlyAsync(context, method, PowerEquipment).ConfigureAwait(false);
            return;
        }

        if (s[3] != "RackPDUs" || (n >= 5 && s[4] != _o.PduId))
        {
            await NotFoundAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (n == 4)
        {
            await GetOnlyAsync(context, method, RackPdus).ConfigureAwait(false);
            return;
        }

        if (n == 5)
        {
            await GetOnlyAsync(context, method, RackPdu).ConfigureAwait(false);
            return;
        }

        if (s[5] != "Outlets")
        {
            await NotFoundAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (n == 6)
        {
            await GetOnlyAsync(context, method, OutletCollection).ConfigureAwait(false);
            return;
        }

        if (!TryOutlet(s[6], out var outlet, out var device))
        {
            await NotFoundAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (n == 7)
        {
            await GetOnlyAsync(context, method, () => Outlet(outlet, device)).ConfigureAwait(false);
            return;
        }

        if (n == 9 && s[7] == "Actions" && s[8] == RedfishSchema.PowerControlSegment)
        {
            if (method != "POST")
            {
                await MethodNotAllowedAsync(context, method, "POST").ConfigureAwait(false);
                return;
            }

            await PowerControlAsync(context, outlet, device, abort).ConfigureAwait(false);
            return;
        }

        await NotFoundAsync(context, path).ConfigureAwait(false);
    }

    private bool TryOutlet(string segment, out int outlet, out string device)
    {
        device = "";
        outlet = 0;
        return segment.Length is > 0 and < 10
            && segment.All(char.IsAsciiDigit)
            && int.TryParse(segment, out outlet)
            && _o.Outlets.TryGetValue(outlet, out device!);
    }

    private bool Authenticated(HttpListenerRequest request)
    {
        var header = request.Headers["Authorization"];
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return false;
        var userOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded[..colon]), Encoding.UTF8.GetBytes(_o.User));
        var passwordOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]), Encoding.UTF8.GetBytes(_o.Password));
        return userOk & passwordOk;
    }

    private async Task PowerControlAsync(HttpListenerContext context, int outlet, string device, CancellationToken abort)
    {
        string? powerState;
        try
        {
            var body = await ReadBodyAsync(context.Request, abort).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                await WriteErrorAsync(context, 400, RedfishSchema.MessageMalformedJson, "The request body must be a JSON object.", "Send {\"PowerState\": \"On\"|\"Off\"|\"PowerCycle\"}.").ConfigureAwait(false);
                return;
            }

            powerState = doc.RootElement.TryGetProperty("PowerState", out var p) ? (p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()) : null;
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(context, 400, RedfishSchema.MessageMalformedJson, $"The request body is not valid JSON: {e.Message}", "Send {\"PowerState\": \"On\"|\"Off\"|\"PowerCycle\"}.").ConfigureAwait(false);
            return;
        }
        catch (InvalidDataException e)
        {
            await WriteErrorAsync(context, 413, RedfishSchema.MessageMalformedJson, e.Message, "Send a small JSON object.").ConfigureAwait(false);
            return;
        }

        if (powerState is null)
        {
            await WriteErrorAsync(context, 400, RedfishSchema.MessageParameterMissing, "The action Outlet.PowerControl requires the parameter PowerState to be present in the request body.", "Add PowerState: On, Off or PowerCycle.").ConfigureAwait(false);
            return;
        }

        if (!RedfishSchema.PowerControlValues.Contains(powerState, StringComparer.Ordinal))
        {
            await WriteErrorAsync(context, 400, RedfishSchema.MessageParameterNotInList, $"The value '{powerState}' for the parameter PowerState in the action Outlet.PowerControl is not in the list of acceptable values (On, Off, PowerCycle).", "Use On, Off or PowerCycle.").ConfigureAwait(false);
            return;
        }

        await _actuatorGate.WaitAsync(abort).ConfigureAwait(false);
        var doing = "";
        try
        {
            if (powerState is "Off" or "PowerCycle")
            {
                doing = "power off";
                await _actuator.PowerOffAsync(device, abort).ConfigureAwait(false);
            }

            if (powerState is "On" or "PowerCycle")
            {
                doing = "power on";
                await _actuator.PowerOnAsync(device, abort).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            await WriteErrorAsync(
                context, 503, RedfishSchema.MessageGeneralError,
                $"The PDU service stopped while outlet {outlet} was being switched ({doing} of device '{device}'); its state is unknown.",
                "Read the outlet to see its actual state.").ConfigureAwait(false);
            return;
        }
        catch (Exception e)
        {
            await WriteErrorAsync(
                context, 500, RedfishSchema.MessageGeneralError,
                $"Outlet {outlet} could not {doing} device '{device}': {e.GetType().Name}: {e.Message}",
                "Check the lab's log for the device; read the outlet to see its actual state.").ConfigureAwait(false);
            return;
        }
        finally
        {
            _actuatorGate.Release();
        }

        context.Response.StatusCode = 204;
        context.Response.AddHeader("OData-Version", "4.0");
        context.Response.ContentLength64 = 0;
    }

    private static async Task<string> ReadBodyAsync(HttpListenerRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRequestBody) throw new InvalidDataException($"The request body exceeds {MaxRequestBody} bytes.");
            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private JsonObject ServiceRoot() => new()
    {
        ["@odata.id"] = RedfishSchema.ServiceRootPath,
        ["@odata.type"] = RedfishSchema.ServiceRootType,
        ["Id"] = "RootService",
        ["Name"] = "Root Service",
        ["RedfishVersion"] = "1.19.0",
        ["Product"] = _o.Name,
        ["PowerEquipment"] = Link(RedfishSchema.PowerEquipmentPath),
    };

    private static JsonObject PowerEquipment() => new()
    {
        ["@odata.id"] = RedfishSchema.PowerEquipmentPath,
        ["@odata.type"] = RedfishSchema.PowerEquipmentType,
        ["Id"] = "PowerEquipment",
        ["Name"] = "Power Equipment",
        ["Status"] = Ok(),
        ["RackPDUs"] = Link(RedfishSchema.RackPdusPath),
    };

    private JsonObject RackPdus() => new()
    {
        ["@odata.id"] = RedfishSchema.RackPdusPath,
        ["@odata.type"] = RedfishSchema.PowerDistributionCollectionType,
        ["Name"] = "Rack PDU Collection",
        ["Members@odata.count"] = 1,
        ["Members"] = new JsonArray(Link(RedfishSchema.RackPduPath(_o.PduId))),
    };

    private JsonObject RackPdu() => new()
    {
        ["@odata.id"] = RedfishSchema.RackPduPath(_o.PduId),
        ["@odata.type"] = RedfishSchema.PowerDistributionType,
        ["Id"] = _o.PduId,
        ["Name"] = _o.Name,
        ["EquipmentType"] = "RackPDU",
        ["Manufacturer"] = "SanChaos",
        ["Model"] = "Embedded lab PDU",
        ["Status"] = Ok(),
        ["Outlets"] = Link(RedfishSchema.OutletsPath(_o.PduId)),
    };

    private JsonObject OutletCollection()
    {
        var members = new JsonArray();
        foreach (var n in _o.Outlets.Keys.Order()) members.Add(Link(RedfishSchema.OutletPath(_o.PduId, n)));
        return new JsonObject
        {
            ["@odata.id"] = RedfishSchema.OutletsPath(_o.PduId),
            ["@odata.type"] = RedfishSchema.OutletCollectionType,
            ["Name"] = "Outlet Collection",
            ["Members@odata.count"] = _o.Outlets.Count,
            ["Members"] = members,
        };
    }

    private JsonObject Outlet(int outlet, string device) => new()
    {
        ["@odata.id"] = RedfishSchema.OutletPath(_o.PduId, outlet),
        ["@odata.type"] = RedfishSchema.OutletType,
        ["Id"] = outlet.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Name"] = $"Outlet {outlet}",
        ["Description"] = $"Feeds {device}",
        ["PowerEnabled"] = true,
        ["PowerState"] = _actuator.IsPowered(device) ? "On" : "Off",
        ["Status"] = Ok(),
        ["Actions"] = new JsonObject
        {
            [RedfishSchema.PowerControlAction] = new JsonObject
            {
                ["target"] = RedfishSchema.PowerControlPath(_o.PduId, outlet),
                ["PowerState@Redfish.AllowableValues"] = new JsonArray([.. RedfishSchema.PowerControlValues.Select(v => (JsonNode)v)]),
            },
        },
        ["Oem"] = new JsonObject { [RedfishSchema.OemVendor] = Oem(device) },
    };

    /// <summary>The outlet's Oem.SanChaos: the device it feeds and, when the lab records it, when its power last changed.</summary>
    private JsonObject Oem(string device)
    {
        var oem = new JsonObject { ["Device"] = device };
        if ((_actuator as IOutletClock)?.PowerChangedAt(device) is { } at)
            oem[RedfishSchema.OemPowerStateChanged] = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return oem;
    }

    private static JsonObject Link(string path) => new() { ["@odata.id"] = path };

    private static JsonObject Ok() => new() { ["State"] = "Enabled", ["Health"] = "OK" };

    private static async Task GetOnlyAsync(HttpListenerContext context, string method, Func<JsonObject> resource)
    {
        if (method is "GET" or "HEAD")
        {
            await WriteJsonAsync(context, 200, resource(), headOnly: method == "HEAD").ConfigureAwait(false);
            return;
        }

        await MethodNotAllowedAsync(context, method, "GET, HEAD").ConfigureAwait(false);
    }

    private static Task NotFoundAsync(HttpListenerContext context, string path) =>
        WriteErrorAsync(context, 404, RedfishSchema.MessageResourceMissing, $"The resource at the URI '{path}' was not found.", "Use a URI the PDU lists (see the Outlets collection).");

    private static Task MethodNotAllowedAsync(HttpListenerContext context, string method, string allow)
    {
        context.Response.AddHeader("Allow", allow);
        return WriteErrorAsync(context, 405, RedfishSchema.MessageOperationNotAllowed, $"The HTTP method {method} is not allowed on this resource.", $"Use {allow}.");
    }

    private static Task WriteErrorAsync(HttpListenerContext context, int status, string messageId, string message, string resolution)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = messageId,
                ["message"] = message,
                ["@Message.ExtendedInfo"] = new JsonArray(new JsonObject
                {
                    ["@odata.type"] = "#Message.v1_1_1.Message",
                    ["MessageId"] = messageId,
                    ["Message"] = message,
                    ["Severity"] = status >= 500 ? "Critical" : "Warning",
                    ["Resolution"] = resolution,
                }),
            },
        };
        return WriteJsonAsync(context, status, body, headOnly: false);
    }

    private static async Task WriteJsonAsync(HttpListenerContext context, int status, JsonObject body, bool headOnly)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Json));
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.AddHeader("OData-Version", "4.0");
        response.AddHeader("Cache-Control", "no-cache");
        if (headOnly) return;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
