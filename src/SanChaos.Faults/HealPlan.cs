namespace SanChaos.Faults;

/// <summary>The heals of a drill in the order <see cref="HealOrder"/> gives them.</summary>
/// <param name="Early">Settings on nodes with power.</param>
/// <param name="Holds">Services to hold on the nodes that stayed up, before the power comes back.</param>
/// <param name="Middle">Every fault that is not a setting (power among them).</param>
/// <param name="Late">Settings on nodes that were off.</param>
/// <param name="Settles">Services to settle after every heal.</param>
internal sealed record HealPlan(IReadOnlyList<IFault> Early, IReadOnlyList<HoldStep> Holds, IReadOnlyList<IFault> Middle,
    IReadOnlyList<IFault> Late, IReadOnlyList<SettleStep> Settles)
{
    /// <summary>The faults in heal order.</summary>
    public IEnumerable<IFault> Faults => Early.Concat(Middle).Concat(Late);
}

/// <summary>Hold <paramref name="Hold"/> while <paramref name="NodesOff"/> boot, for the settings <paramref name="For"/>.</summary>
internal sealed record HoldStep(ISettingHold Hold, IReadOnlyList<string> NodesOff, IReadOnlyList<IFault> For);

/// <summary>Settle <paramref name="Hold"/> after the settings <paramref name="For"/> were healed.</summary>
internal sealed record SettleStep(ISettingHold Hold, IReadOnlyList<IFault> For);
