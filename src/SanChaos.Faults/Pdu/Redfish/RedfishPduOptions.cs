namespace SanChaos.Faults.Pdu.Redfish;

/// <summary>
/// How to reach a PDU that speaks DMTF Redfish. Create the driver with <see cref="PduDrivers.CreateRedfish"/>.
/// Outlets are addressed as <c>{BaseUrl}/redfish/v1/PowerEquipment/RackPDUs/{PduId}/Outlets/{outlet}</c>.
/// </summary>
public sealed class RedfishPduOptions
{
    /// <summary>Scheme, host and port of the PDU's Redfish service, e.g. <c>https://pdu1.example:443/</c>. Required.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Id of the rack PDU under <c>/redfish/v1/PowerEquipment/RackPDUs</c>. Default <c>1</c>.</summary>
    public string PduId { get; init; } = "1";

    /// <summary>User for HTTP Basic authentication. Required.</summary>
    public required string User { get; init; }

    /// <summary>Password for HTTP Basic authentication. Required; never printed.</summary>
    public required string Password { get; init; }

    /// <summary>
    /// Where the user and password come from (e.g. <c>lab/rack.yaml, pdus.pdu1</c>), named when the PDU refuses them.
    /// Default: <c>the Redfish PDU options (User, Password)</c>.
    /// </summary>
    public string CredentialsSource { get; init; } = "the Redfish PDU options (User, Password)";

    /// <summary>Time allowed for each HTTP request, connecting included. Default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Accept any TLS server certificate (PDUs usually have a self-signed one). Default false: the certificate must be
    /// trusted by this machine.
    /// </summary>
    public bool AcceptAnyServerCertificate { get; init; }
}
