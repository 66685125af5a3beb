using SanChaos.Faults.Primary;

namespace SanChaos.Faults.Catalog;

/// <summary>How the catalogue's faults reach PDUs and nodes, and how long they wait.</summary>
public sealed class FaultCatalogOptions
{
    /// <summary>Node commands and output patterns. Default <see cref="NodeFaultCommands.Default"/>.</summary>
    public NodeFaultCommands Commands { get; init; } = NodeFaultCommands.Default;

    /// <summary>
    /// Who holds the Heartbeat resources, for "kill the primary". Default null: the storage nodes' state
    /// (<see cref="Primary.PrimaryLocator.FromLabState"/>).
    /// </summary>
    public IPrimaryLocator? PrimaryLocator { get; init; }

    /// <summary>How long an outlet may take to read back the state it was switched to (real PDUs switch with a delay). Default 30 s.</summary>
    public TimeSpan PowerConfirmTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pause between read-backs of an outlet. Default 1 s.</summary>
    public TimeSpan PowerConfirmInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Time allowed for each PDU request (Redfish HTTP request; SNMP waits per attempt are the driver's own). Default 60 s:
    /// the embedded lab's PDU answers a power-on once the node's kernel has started, which takes seconds to tens of
    /// seconds on a loaded 2-core machine; a rack PDU answers in a second or two.
    /// </summary>
    public TimeSpan PduRequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The rack PDU id of Redfish PDUs (<c>/redfish/v1/PowerEquipment/RackPDUs/{id}</c>). Default <c>1</c>.</summary>
    public string RedfishPduId { get; init; } = "1";

    /// <summary>Accept any TLS certificate of a Redfish PDU (they usually have a self-signed one). Default false.</summary>
    public bool AcceptAnyPduCertificate { get; init; }

    /// <summary>How long a heal waits for a node that does not answer SSH yet (it was just powered on). Default 3 min.</summary>
    public TimeSpan NodeUpTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How long the DRBD pair may take to reconnect once every setting is restored and adjusted (<see cref="ISettingHold.SettleAsync"/>);
    /// connected means Connected or resyncing. Default 2 min.
    /// </summary>
    public TimeSpan DrbdReconnectTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for each node command (kill, start, status). Default 60 s.</summary>
    public TimeSpan NodeCommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Clock for the waits and state snapshots. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
