using SanChaos.Core.Errors;
using SanChaos.Faults.Primary;

namespace SanChaos.Faults.Power;

/// <summary>
/// Kill the primary: at injection, ask the <see cref="IPrimaryLocator"/> which storage node holds the Heartbeat
/// resources and power it off through all its outlets; the fault remembers the node (a fact, and a descriptor
/// parameter the journal keeps). Heal powers that node on again. Rebuilt from a journal entry that never learnt the
/// node (the run died while locating), the heal powers on every storage node whose outlets read off.
/// </summary>
internal sealed class KillPrimaryFault : IFault, IFaultFacts, IDescribesActions, IPowersOffNodes
{
    private readonly IPrimaryLocator _locator;
    private readonly Func<string, PowerFault> _powerOf;
    private readonly IReadOnlyList<string> _storage;
    private readonly bool _healAllWhenUnknown;
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);
    private string? _node;

    public KillPrimaryFault(IPrimaryLocator locator, Func<string, PowerFault> powerOf, IReadOnlyList<string> storageNodes,
        string? node, bool healAllWhenUnknown)
    {
        _locator = locator;
        _powerOf = powerOf;
        _storage = storageNodes;
        _node = node;
        _healAllWhenUnknown = healAllWhenUnknown;
        Targets = storageNodes.SelectMany(n => powerOf(n).Targets).ToArray();
        if (node is not null) _facts["node"] = node;
    }

    public string Name => "kill the primary";

    public FaultDescriptor Descriptor => _node is null
        ? new FaultDescriptor(FaultKinds.KillPrimary)
        : new FaultDescriptor(FaultKinds.KillPrimary, new Dictionary<string, string> { ["node"] = _node });

    public IReadOnlyList<FaultTarget> Targets { get; }

    public IReadOnlyDictionary<string, string> Facts => _facts;

    /// <summary>The node it powered off; every storage node when rebuilt without one (its heal powers on all that are off).</summary>
    public IReadOnlyList<string> NodesOff => _node is not null ? [_node] : _healAllWhenUnknown ? _storage : [];

    public async Task InjectAsync(CancellationToken ct = default)
    {
        var node = await _locator.WhoHoldsResourcesAsync(ct).ConfigureAwait(false);
        if (!_storage.Contains(node))
            throw new SanChaosException($"The primary locator answered '{node}', which is not a storage node of the lab ({string.Join(", ", _storage)}).",
                "Fix the IPrimaryLocator passed in FaultCatalogOptions.PrimaryLocator.");
        _node = node;
        _facts["node"] = node;
        var power = _powerOf(node);
        _facts["outlets"] = power.OutletList;
        await power.InjectAsync(ct).ConfigureAwait(false);
        Merge(power);
    }

    public async Task HealAsync(CancellationToken ct = default)
    {
        if (_node is not null)
        {
            var power = _powerOf(_node);
            await power.HealAsync(ct).ConfigureAwait(false);
            Merge(power);
            return;
        }

        if (!_healAllWhenUnknown) return; // never injected: nothing to heal
        var errors = new List<Exception>();
        foreach (var n in _storage)
        {
            try
            {
                await _powerOf(n).HealAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.Add(e);
            }
        }

        _facts["node"] = "unknown: powered on every storage node that was off";
        if (errors.Count == 1) throw errors[0];
        if (errors.Count > 1) throw new AggregateException("Powering on the storage nodes failed.", errors);
    }

    private void Merge(PowerFault power)
    {
        foreach (var (k, v) in power.Facts) _facts[k] = v;
    }

    public IReadOnlyList<string> DescribeActions(FaultPhase phase)
    {
        if (phase == FaultPhase.Inject && _node is null)
        {
            var lines = new List<string> { $"ask {string.Join(" and ", _storage)} which holds the Heartbeat resources (DRBD role, floating IPs, target, cl_status rscstatus: read only), then power that node off" };
            foreach (var n in _storage)
                lines.AddRange(_powerOf(n).DescribeActions(phase).Select(l => $"{l} (if {n} holds them)"));
            return lines;
        }

        if (phase == FaultPhase.Heal && _node is null && !_healAllWhenUnknown)
            return _storage.SelectMany(n => _powerOf(n).DescribeActions(phase).Select(l => $"{l} (if {n} was the primary powered off)")).ToArray();
        var nodes = _node is not null ? [_node] : _healAllWhenUnknown ? _storage : [];
        return nodes.SelectMany(n => _powerOf(n).DescribeActions(phase)).ToArray();
    }
}
