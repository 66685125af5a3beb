using SanChaos.Config.Budget;
using SanChaos.Core.Errors;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Gherkin.Execution;
using SanChaos.Labs;

namespace SanChaos.Drills;

/// <summary>
/// A drill's faults: the lab's catalogue, the scenario's fault set (journalled, healed at the end whatever happens) and
/// what was injected with which failover budget. One per scenario, opened by the drill's start.
/// </summary>
internal sealed class DrillFaultLog(ScenarioContext scenario)
{
    private FaultSet? _set;
    private FaultCatalog? _catalog;
    private readonly List<(IFault Fault, FaultKind? Budget)> _injected = [];

    /// <summary>True once <see cref="Open"/> ran (a drill whose start failed has nothing to heal).</summary>
    public bool IsOpen => _set is not null;

    /// <summary>The fault catalogue of this lab.</summary>
    public FaultCatalog Catalog => _catalog ?? throw Drill.NotStarted();

    /// <summary>The problem of the heal that failed at the end (null: none failed, or not healed yet).</summary>
    public string? HealFailure { get; private set; }

    /// <summary>Opens the catalogue and the fault set on <paramref name="lab"/> (once).</summary>
    public void Open(ILab lab, Func<FaultSet> set)
    {
        _catalog ??= new FaultCatalog(lab);
        _set ??= set();
    }

    /// <summary>Injects the fault <paramref name="pick"/> takes from the catalogue (<see cref="DrillFaults.Take"/>).</summary>
    public Task InjectAsync(Func<FaultCatalog, IFault> pick, FaultKind? budget) => InjectAsync(DrillFaults.Take(Catalog, pick), budget);

    /// <summary>Injects a fault; it is healed at the end of the scenario, or earlier by <see cref="HealAsync"/>.</summary>
    public Task InjectAsync(IFault fault, FaultKind? budget)
    {
        var set = _set ?? throw Drill.NotStarted();
        _injected.Add((fault, budget));
        return set.InjectAsync(fault, scenario.Cancellation);
    }

    /// <summary>Heals the active fault whose name is <paramref name="name"/>.</summary>
    public Task HealAsync(string name)
    {
        var fault = _set?.Active.FirstOrDefault(f => f.Name == name)
            ?? throw new SanChaosException($"No active fault '{name}' to heal.", $"active faults: {string.Join(", ", _set?.Active.Select(f => f.Name) ?? [])}.");
        return _set!.HealAsync(fault, scenario.Cancellation);
    }

    /// <summary>Heals every fault of the scenario; a heal that fails is kept (<see cref="HealFailure"/>) and rethrown.</summary>
    public async Task HealAllAsync(CancellationToken ct)
    {
        if (_set is null) return;
        try
        {
            await _set.HealAllAsync(ct).ConfigureAwait(false);
        }
        catch (FaultHealException e)
        {
            HealFailure = e.Problem;
            throw;
        }
    }

    /// <summary>
    /// The budget kind of what this scenario injected: both heartbeat paths when eth1 and the serial cable are both
    /// down, otherwise the first fault that has one.
    /// </summary>
    public FaultKind? BudgetKind =>
        _injected.Any(f => f.Budget == FaultKind.Eth1Cut) && _injected.Any(f => f.Fault.Descriptor.Kind == FaultKinds.PullSerialCable)
            ? FaultKind.BothHeartbeatPathsLost
            : _injected.Select(f => f.Budget).FirstOrDefault(b => b is not null);
}
