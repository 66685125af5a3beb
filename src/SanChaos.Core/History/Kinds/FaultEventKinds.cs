namespace SanChaos.Core.History;

/// <summary>
/// History event kinds the fault machinery adds to <see cref="EventKinds"/> (which has
/// <c>fault.injecting</c>, <c>fault.injected</c>, <c>fault.healed</c>, <c>fault.heal-failed</c>).
/// </summary>
public static class FaultEventKinds
{
    /// <summary>Injecting a fault failed (or was cancelled); it is healed at once.</summary>
    public const string InjectFailed = "fault.inject-failed";

    /// <summary>A heal starts.</summary>
    public const string Healing = "fault.healing";

    /// <summary>A dry run would have done an action (the message says which, with its target).</summary>
    public const string DryRun = "fault.dry-run";

    /// <summary>A safety interlock or the active-fault check refused a fault.</summary>
    public const string Refused = "fault.refused";

    /// <summary>The fault journal could not be updated after an injection or heal (the lab itself is in the right state).</summary>
    public const string JournalError = "fault.journal-error";

    /// <summary>
    /// A service that reads a setting at boot was held on the nodes that stayed up while a node that missed the setting's
    /// heal boots (<c>ISettingHold.HoldAsync</c>); source: the service (<c>DRBD resource r0</c>).
    /// </summary>
    public const string Held = "fault.held";

    /// <summary>Holding such a service failed (a heal failure: the booting node may join with the drill's setting).</summary>
    public const string HoldFailed = "fault.hold-failed";

    /// <summary>A held service was settled after every heal (<c>ISettingHold.SettleAsync</c>: DRBD adjusted and reconnected).</summary>
    public const string Settled = "fault.settled";

    /// <summary>Settling it failed (a heal failure: e.g. the DRBD pair did not reconnect).</summary>
    public const string SettleFailed = "fault.settle-failed";
}
