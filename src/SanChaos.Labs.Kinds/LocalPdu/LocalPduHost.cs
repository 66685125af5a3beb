using System.Security.Cryptography;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Kinds.Embedded.Pdu;

namespace SanChaos.Labs.Kinds.LocalPdu;

/// <summary>
/// The PDUs a lab runs itself (the inventory says <c>address: embedded</c>; the embedded and Vagrant labs): one Redfish
/// PDU (<see cref="RedfishPduServer"/>) per such PDU on 127.0.0.1, its outlets switching devices through the lab's
/// <see cref="IOutletActuator"/>, so power faults travel through a real PDU protocol. Each PDU's password comes from its
/// secret reference; a referenced file that does not exist yet is created (mode 600) with a random secret.
/// </summary>
public sealed class LocalPduHost : IAsyncDisposable
{
    /// <summary>The inventory's address of a PDU that the lab runs itself.</summary>
    public const string Address = "embedded";

    private readonly LabInventory _inventory;
    private readonly Dictionary<string, RedfishPduServer> _servers = new(StringComparer.Ordinal);

    /// <summary>A host for <paramref name="inventory"/>'s own PDUs (nothing listens before <see cref="StartAsync"/>).</summary>
    /// <param name="inventory">The lab's inventory.</param>
    public LocalPduHost(LabInventory inventory) => _inventory = inventory;

    /// <summary>Starts a Redfish PDU for every inventory PDU at <c>address: embedded</c>.</summary>
    /// <param name="actuator">What switching an outlet does in the lab.</param>
    /// <param name="label">Put in each PDU's name (e.g. the run id), so a leftover server can be traced to its run.</param>
    /// <param name="progress">Gets one line per PDU started; default none.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <exception cref="SanChaosException">A PDU at <c>address: embedded</c> is not a Redfish PDU, or its secret cannot be read.</exception>
    public async Task StartAsync(IOutletActuator actuator, string label, Action<string>? progress = null, CancellationToken ct = default)
    {
        foreach (var pdu in _inventory.Pdus.Where(p => p.Address == Address))
        {
            if (pdu.Driver != PduDriverKind.Redfish)
                throw new SanChaosException($"PDU '{pdu.Name}' in {_inventory.SourcePath}: the lab runs a Redfish PDU of its own, not {pdu.Driver}.",
                    "write `driver: redfish` for a PDU at `address: embedded`.");
            var server = new RedfishPduServer(new RedfishPduServerOptions
            {
                User = pdu.User.Length > 0 ? pdu.User : "admin",
                Password = EnsureSecret(pdu.Password),
                Outlets = pdu.Outlets.ToDictionary(o => o.Outlet, o => o.Feeds),
                Name = $"SanChaos {_inventory.Kind.ToString().ToLowerInvariant()} PDU {pdu.Name} ({label})",
            }, actuator);
            await server.StartAsync(ct).ConfigureAwait(false);
            _servers[pdu.Name] = server;
            progress?.Invoke($"PDU {pdu.Name}: Redfish on {server.BaseUrl}");
        }
    }

    /// <summary>
    /// Where <paramref name="pdu"/> listens (<see cref="IPduEndpoints.AddressOf"/>): the local server's URL, or the
    /// inventory's address for a PDU the lab does not run.
    /// </summary>
    /// <exception cref="SanChaosException">It is one of the lab's own PDUs and it is not running.</exception>
    public string AddressOf(PduSpec pdu) =>
        _servers.TryGetValue(pdu.Name, out var s) ? s.BaseUrl.ToString().TrimEnd('/')
        : pdu.Address != Address ? pdu.Address
        : throw new SanChaosException($"The PDU '{pdu.Name}' of lab {_inventory.Name} is not running.", "bring the lab up first.");

    /// <summary>Stops every server; the errors of those that failed to stop, if any.</summary>
    public async Task<IReadOnlyList<Exception>> StopAsync()
    {
        var errors = new List<Exception>();
        foreach (var server in _servers.Values)
        {
            try
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        _servers.Clear();
        return errors;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var errors = await StopAsync().ConfigureAwait(false);
        if (errors.Count > 0) throw new AggregateException($"Stopping the PDUs of lab {_inventory.Name} failed.", errors);
    }

    /// <summary>A PDU's password: the referenced file is created with a random secret when missing, mode 600 from the start.</summary>
    private static string EnsureSecret(SecretRef secret)
    {
        if (secret.File is { } file && !File.Exists(file))
            Core.Secrets.SecretFile.Write(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() + "\n");

        return secret.Resolve();
    }
}
