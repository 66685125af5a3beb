using SanChaos.Core.Time;
using SanChaos.Core.Waiting;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Pdu;

namespace SanChaos.Faults.Power;

/// <summary>
/// Power off a node or a switch through every PDU outlet feeding it (both supplies of a dual-supply node); heal =
/// switch them on again. Each switch is confirmed by reading the outlet back through the one wait primitive, since real
/// PDUs switch with a delay. The heal only switches outlets that read off, so healing a powered device does nothing.
/// </summary>
internal sealed class PowerFault : IFault, IFaultFacts, IDescribesActions, IPowersOffNodes
{
    private readonly IReadOnlyList<PduOutlet> _outlets;
    private readonly PduConnector _pdus;
    private readonly FaultCatalogOptions _o;
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);

    public PowerFault(string name, FaultDescriptor descriptor, FaultTarget device, IReadOnlyList<PduOutlet> outlets, PduConnector pdus, FaultCatalogOptions options)
    {
        Name = name;
        Descriptor = descriptor;
        Device = device.Device;
        NodesOff = device.Kind == FaultTargetKind.Node ? [device.Device] : [];
        _outlets = outlets;
        _pdus = pdus;
        _o = options;
        Targets = [device, .. outlets.Select(o => o.Target)];
    }

    public string Name { get; }

    public FaultDescriptor Descriptor { get; }

    public IReadOnlyList<FaultTarget> Targets { get; }

    public IReadOnlyDictionary<string, string> Facts => _facts;

    public IReadOnlyList<string> NodesOff { get; }

    /// <summary>The node or switch it powers.</summary>
    public string Device { get; }

    /// <summary>"pdu1/1, pdu1/7".</summary>
    public string OutletList => string.Join(", ", _outlets);

    public Task InjectAsync(CancellationToken ct = default) => SwitchAsync(on: false, ct);

    public Task HealAsync(CancellationToken ct = default) => SwitchAsync(on: true, ct);

    public IReadOnlyList<string> DescribeActions(FaultPhase phase)
    {
        var state = phase == FaultPhase.Inject ? "off" : "on";
        var lines = _outlets
            .Select(o => $"switch outlet {o.Outlet} ({o.Feeds}) of PDU {o.Pdu.Name} at {SafeAddress(o)} {state}{(phase == FaultPhase.Heal ? " (if it reads off)" : "")}")
            .ToList();
        lines.Add($"read {(_outlets.Count == 1 ? "the outlet" : $"the {_outlets.Count} outlets")} back until {(_outlets.Count == 1 ? "it reads" : "they read")} {state} (up to {Durations.Format(_o.PowerConfirmTimeout)})");
        return lines;
    }

    private async Task SwitchAsync(bool on, CancellationToken ct)
    {
        var drivers = new Dictionary<string, IPduDriver>(StringComparer.Ordinal);
        try
        {
            foreach (var pdu in _outlets.Select(o => o.Pdu).DistinctBy(p => p.Name))
                drivers[pdu.Name] = _pdus.Connect(pdu);

            var switched = new List<PduOutlet>();
            foreach (var o in _outlets)
            {
                var driver = drivers[o.Pdu.Name];
                if (!on) await driver.PowerOffAsync(o.Outlet, ct).ConfigureAwait(false);
                else if (!await driver.IsOnAsync(o.Outlet, ct).ConfigureAwait(false)) await driver.PowerOnAsync(o.Outlet, ct).ConfigureAwait(false);
                else continue;
                switched.Add(o);
            }

            foreach (var o in _outlets)
            {
                var driver = drivers[o.Pdu.Name];
                await Wait.UntilAsync(
                    $"outlet {o.Outlet} ({o.Feeds}) of PDU {o.Pdu.Name} reads {(on ? "on" : "off")}",
                    async t => await driver.IsOnAsync(o.Outlet, t).ConfigureAwait(false) == on
                        ? Probe.Yes(on ? "on" : "off")
                        : Probe.No($"reads {(on ? "off" : "on")}"),
                    _o.PowerConfirmTimeout, _o.PowerConfirmInterval, _o.Time,
                    $"Check outlet {o.Outlet} on PDU {o.Pdu.Name}'s own interface (a stuck relay, an outlet lock, a delayed switch); raise FaultCatalogOptions.PowerConfirmTimeout if the PDU is just slow.",
                    ct).ConfigureAwait(false);
            }

            _facts["outlets"] = OutletList;
            _facts[on ? "switched_on" : "switched_off"] = switched.Count == 0 ? "none (all were on)" : string.Join(", ", switched);
        }
        finally
        {
            foreach (var d in drivers.Values) await d.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string SafeAddress(PduOutlet o)
    {
        try
        {
            return _pdus.AddressOf(o.Pdu);
        }
        catch (Exception e)
        {
            return $"(address unknown: {e.Message})";
        }
    }
}
