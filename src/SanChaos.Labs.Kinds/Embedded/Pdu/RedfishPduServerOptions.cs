namespace SanChaos.Labs.Kinds.Embedded.Pdu;

/// <summary>What the embedded lab's Redfish PDU (<see cref="RedfishPduServer"/>) serves and whom it lets in.</summary>
public sealed class RedfishPduServerOptions
{
    /// <summary>TCP port on 127.0.0.1. Default 0: pick a free port (read it from <see cref="RedfishPduServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Id of the single rack PDU, under <c>/redfish/v1/PowerEquipment/RackPDUs</c>. Default <c>1</c>.</summary>
    public string PduId { get; init; } = "1";

    /// <summary>User accepted by HTTP Basic authentication. Default <c>admin</c>.</summary>
    public string User { get; init; } = "admin";

    /// <summary>Password accepted by HTTP Basic authentication. Required, not empty.</summary>
    public required string Password { get; init; }

    /// <summary>Outlet number (1-based) → the device it feeds (a node or switch name from the inventory). Required, not empty.</summary>
    public required IReadOnlyDictionary<int, string> Outlets { get; init; }

    /// <summary>
    /// Name of the PDU resource and the Basic realm; put the run id in it so a leftover server can be traced to its run.
    /// Default <c>SanChaos lab PDU</c>.
    /// </summary>
    public string Name { get; init; } = "SanChaos lab PDU";

    /// <summary>On stop, how long requests in progress (an actuator switching power) may take to finish before they are cancelled. Default 5 s.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);
}
