namespace SanChaos.Faults;

/// <summary>
/// The order <see cref="FaultSet.HealAllAsync"/> heals a drill's faults in (see <see cref="INodeSetting"/> for why):
/// <list type="number">
/// <item>settings on nodes that have power (<see cref="HealPlan.Early"/>), in reverse injection order;</item>
/// <item>the holds of the settings on nodes that are off (<see cref="HealPlan.Holds"/>), one per service, before any power returns;</item>
/// <item>every other fault (power, cables, daemons, links: <see cref="HealPlan.Middle"/>), in reverse injection order;</item>
/// <item>settings on nodes that were off (<see cref="HealPlan.Late"/>): their heals wait until the node answers SSH;</item>
/// <item>one settle per held service of any setting healed (<see cref="HealPlan.Settles"/>).</item>
/// </list>
/// A node is off while an active fault of the set says so (<see cref="IPowersOffNodes"/>).
/// </summary>
internal static class HealOrder
{
    /// <summary>The plan for <paramref name="active"/>, given in reverse injection order.</summary>
    public static HealPlan Plan(IReadOnlyList<IFault> active)
    {
        var off = active.OfType<IPowersOffNodes>().SelectMany(p => p.NodesOff).ToHashSet(StringComparer.Ordinal);
        var settings = active.Where(f => f is INodeSetting).ToArray();
        var late = settings.Where(f => ((INodeSetting)f).SettingNodes.Any(off.Contains)).ToArray();
        var early = settings.Except(late).ToArray();
        var middle = active.Where(f => f is not INodeSetting).ToArray();
        var holds = late
            .Where(f => ((INodeSetting)f).Hold is not null)
            .GroupBy(f => ((INodeSetting)f).Hold!.Name, StringComparer.Ordinal)
            .Select(g => new HoldStep(((INodeSetting)g.First()).Hold!,
                g.SelectMany(f => ((INodeSetting)f).SettingNodes.Where(off.Contains)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                g.ToArray()))
            .ToArray();
        var settles = settings
            .Where(f => ((INodeSetting)f).Hold is not null)
            .GroupBy(f => ((INodeSetting)f).Hold!.Name, StringComparer.Ordinal)
            .Select(g => new SettleStep(((INodeSetting)g.First()).Hold!, g.ToArray()))
            .ToArray();
        return new HealPlan(early, holds, middle, late, settles);
    }
}
