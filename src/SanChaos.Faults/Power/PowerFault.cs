using SanChaos.Core.History;
using SanChaos.Core.Time;
using SanChaos.Core.Waiting;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Pdu;

namespace SanChaos.Faults.Power;

/// <summary>
/// Power off a node or a switch through every PDU outlet feeding it (both supplies of a dual-supply node); heal =
/// switch them on again. Each switch is confirmed by reading the outlet back through the one wait primitive, since real
/// PDUs switch with a delay. The heal only switches outlets that read off, so healing a powered device does nothing.
/// Its facts carry the moment the power physically changed (<see cref="PhysicalMoment"/>).
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
            var sent = new Dictionary<PduOutlet, DateTimeOffset>();
            var confirmed = new Dictionary<PduOutlet, DateTimeOffset>();
            foreach (var o in _outlets)
            {
                var driver = drivers[o.Pdu.Name];
                if (on && await driver.IsOnAsync(o.Outlet, ct).ConfigureAwait(false)) continue;
                sent[o] = _o.Time.GetUtcNow();
                if (on) await driver.PowerOnAsync(o.Outlet, ct).ConfigureAwait(false);
                else await driver.PowerOffAsync(o.Outlet, ct).ConfigureAwait(false);
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
                confirmed[o] = _o.Time.GetUtcNow();
            }

            _facts["outlets"] = OutletList;
            _facts[on ? "switched_on" : "switched_off"] = switched.Count == 0 ? "none (all were on)" : string.Join(", ", switched);
            if (switched.Count == 0) PhysicalMoment.Forget(_facts);
            else await RecordMomentAsync(on, switched, sent, confirmed, drivers, ct).ConfigureAwait(false);
        }
        finally
        {
            foreach (var d in drivers.Values) await d.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// When the device lost (or got back) its power: when the last of its switched outlets did. Each outlet's moment is the
    /// PDU's own record (<see cref="IOutletSwitchRecord"/>) when it lies between the request and the read-back that confirmed
    /// it (a PDU whose clock is not this host's is not believed); otherwise the request bounds it from below (so no figure
    /// counted from it is shorter than it was) and the read-back from above.
    /// </summary>
    private async Task RecordMomentAsync(bool on, List<PduOutlet> switched, Dictionary<PduOutlet, DateTimeOffset> sent,
        Dictionary<PduOutlet, DateTimeOffset> confirmed, Dictionary<string, IPduDriver> drivers, CancellationToken ct)
    {
        var state = on ? "on" : "off";
        var moments = new List<(DateTimeOffset At, DateTimeOffset Latest, bool Recorded, string Detail)>();
        foreach (var o in switched)
        {
            var (from, to) = (sent[o], confirmed[o]);
            DateTimeOffset? record = null;
            var why = "the PDU keeps no record of it";
            if (drivers[o.Pdu.Name] is IOutletSwitchRecord r)
            {
                try
                {
                    record = await r.SwitchedAtAsync(o.Outlet, ct).ConfigureAwait(false);
                }
                catch (PduException e)
                {
                    why = $"its record could not be read: {e.Problem}";
                }
            }

            if (record is { } at && at >= from && at <= to)
                moments.Add((at, at, true, $"PDU {o.Pdu.Name} recorded outlet {o.Outlet} ({o.Feeds}) switched {state} at {PhysicalMoment.Clock(at)}"));
            else
            {
                if (record is { } outside)
                    why = $"its record ({PhysicalMoment.Clock(outside)}) lies outside the request and the read-back: its clock is not this host's";
                moments.Add((from, to, false, $"outlet {o.Outlet} ({o.Feeds}) of PDU {o.Pdu.Name}: switched {state} between the request at {PhysicalMoment.Clock(from)} " +
                                          $"and the read-back at {PhysicalMoment.Clock(to)} ({why})"));
            }
        }

        var last = moments.MaxBy(m => m.At);
        var detail = string.Join("; ", moments.Select(m => m.Detail));
        if (moments.All(m => m.Recorded))
            PhysicalMoment.Record(_facts, last.At, PhysicalMoment.FromPduRecord, detail);
        else
            PhysicalMoment.Record(_facts, last.At, PhysicalMoment.FromPduRequest, detail, notBefore: last.At, notAfter: moments.Max(m => m.Latest));
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
