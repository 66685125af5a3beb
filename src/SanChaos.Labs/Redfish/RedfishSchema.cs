namespace SanChaos.Labs.Redfish;

/// <summary>
/// The Redfish resource paths, OData types and message ids the PDU driver (a fault's client) and the embedded lab's
/// PDU server share (DMTF DSP0268 PowerEquipment / PowerDistribution / Outlet schemas, Base message registry). Data, not logic.
/// </summary>
public static class RedfishSchema
{
    /// <summary>The service root.</summary>
    public const string ServiceRootPath = "/redfish/v1";

    /// <summary>The PowerEquipment resource.</summary>
    public const string PowerEquipmentPath = "/redfish/v1/PowerEquipment";

    /// <summary>The collection of rack PDUs.</summary>
    public const string RackPdusPath = "/redfish/v1/PowerEquipment/RackPDUs";

    /// <summary>OData type of the service root.</summary>
    public const string ServiceRootType = "#ServiceRoot.v1_15_0.ServiceRoot";

    /// <summary>OData type of PowerEquipment.</summary>
    public const string PowerEquipmentType = "#PowerEquipment.v1_2_0.PowerEquipment";

    /// <summary>OData type of the rack PDU collection.</summary>
    public const string PowerDistributionCollectionType = "#PowerDistributionCollection.PowerDistributionCollection";

    /// <summary>OData type of a rack PDU.</summary>
    public const string PowerDistributionType = "#PowerDistribution.v1_3_0.PowerDistribution";

    /// <summary>OData type of an outlet collection.</summary>
    public const string OutletCollectionType = "#OutletCollection.OutletCollection";

    /// <summary>OData type of an outlet.</summary>
    public const string OutletType = "#Outlet.v1_4_0.Outlet";

    /// <summary>The outlet's power action, as named in its <c>Actions</c>.</summary>
    public const string PowerControlAction = "#Outlet.PowerControl";

    /// <summary>The outlet's power action, as the last segment of its target URI.</summary>
    public const string PowerControlSegment = "Outlet.PowerControl";

    /// <summary>The vendor key of the embedded PDU's <c>Oem</c> object in an Outlet.</summary>
    public const string OemVendor = "SanChaos";

    /// <summary>
    /// The embedded PDU's own record of when an outlet's power last changed (ISO 8601, UTC) in <c>Oem.SanChaos</c> of an
    /// Outlet: the instant the lab froze or started the node (or set a switch's ports). Standard Redfish has no such
    /// property; a rack PDU without it is bounded by the request and the read-back instead.
    /// </summary>
    public const string OemPowerStateChanged = "PowerStateChanged";

    /// <summary>Base message: no resource at the URI.</summary>
    public const string MessageResourceMissing = "Base.1.16.ResourceMissingAtURI";

    /// <summary>Base message: authentication missing or refused.</summary>
    public const string MessageNoValidSession = "Base.1.16.NoValidSession";

    /// <summary>Base message: the body is not the JSON expected.</summary>
    public const string MessageMalformedJson = "Base.1.16.MalformedJSON";

    /// <summary>Base message: an action's parameter is missing.</summary>
    public const string MessageParameterMissing = "Base.1.16.ActionParameterMissing";

    /// <summary>Base message: an action's parameter has a value outside its list.</summary>
    public const string MessageParameterNotInList = "Base.1.16.ActionParameterValueNotInList";

    /// <summary>Base message: the HTTP method is not allowed on the resource.</summary>
    public const string MessageOperationNotAllowed = "Base.1.16.OperationNotAllowed";

    /// <summary>Base message: any other failure.</summary>
    public const string MessageGeneralError = "Base.1.16.GeneralError";

    /// <summary>PowerState values an Outlet.PowerControl action accepts.</summary>
    public static readonly string[] PowerControlValues = ["On", "Off", "PowerCycle"];

    /// <summary>The rack PDU <paramref name="pduId"/>.</summary>
    public static string RackPduPath(string pduId) => $"{RackPdusPath}/{Uri.EscapeDataString(pduId)}";

    /// <summary>The outlet collection of the rack PDU <paramref name="pduId"/>.</summary>
    public static string OutletsPath(string pduId) => $"{RackPduPath(pduId)}/Outlets";

    /// <summary>Outlet <paramref name="outlet"/> of the rack PDU <paramref name="pduId"/>.</summary>
    public static string OutletPath(string pduId, int outlet) => $"{OutletsPath(pduId)}/{outlet}";

    /// <summary>The PowerControl action target of outlet <paramref name="outlet"/>.</summary>
    public static string PowerControlPath(string pduId, int outlet) => $"{OutletPath(pduId, outlet)}/Actions/{PowerControlSegment}";
}
