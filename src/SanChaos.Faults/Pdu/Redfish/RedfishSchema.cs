namespace SanChaos.Faults.Pdu.Redfish;

/// <summary>
/// The Redfish resource paths, OData types and message ids the client and the embedded server share (DMTF
/// DSP0268 PowerEquipment / PowerDistribution / Outlet schemas, Base message registry). Data, not logic.
/// </summary>
internal static class RedfishSchema
{
    public const string ServiceRootPath = "/redfish/v1";
    public const string PowerEquipmentPath = "/redfish/v1/PowerEquipment";
    public const string RackPdusPath = "/redfish/v1/PowerEquipment/RackPDUs";

    public const string ServiceRootType = "#ServiceRoot.v1_15_0.ServiceRoot";
    public const string PowerEquipmentType = "#PowerEquipment.v1_2_0.PowerEquipment";
    public const string PowerDistributionCollectionType = "#PowerDistributionCollection.PowerDistributionCollection";
    public const string PowerDistributionType = "#PowerDistribution.v1_3_0.PowerDistribution";
    public const string OutletCollectionType = "#OutletCollection.OutletCollection";
    public const string OutletType = "#Outlet.v1_4_0.Outlet";
    public const string PowerControlAction = "#Outlet.PowerControl";
    public const string PowerControlSegment = "Outlet.PowerControl";

    public const string MessageResourceMissing = "Base.1.16.ResourceMissingAtURI";
    public const string MessageNoValidSession = "Base.1.16.NoValidSession";
    public const string MessageMalformedJson = "Base.1.16.MalformedJSON";
    public const string MessageParameterMissing = "Base.1.16.ActionParameterMissing";
    public const string MessageParameterNotInList = "Base.1.16.ActionParameterValueNotInList";
    public const string MessageOperationNotAllowed = "Base.1.16.OperationNotAllowed";
    public const string MessageGeneralError = "Base.1.16.GeneralError";

    /// <summary>PowerState values an Outlet.PowerControl action accepts.</summary>
    public static readonly string[] PowerControlValues = ["On", "Off", "PowerCycle"];

    public static string RackPduPath(string pduId) => $"{RackPdusPath}/{Uri.EscapeDataString(pduId)}";

    public static string OutletsPath(string pduId) => $"{RackPduPath(pduId)}/Outlets";

    public static string OutletPath(string pduId, int outlet) => $"{OutletsPath(pduId)}/{outlet}";

    public static string PowerControlPath(string pduId, int outlet) => $"{OutletPath(pduId, outlet)}/Actions/{PowerControlSegment}";
}
