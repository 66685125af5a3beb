using System.Globalization;

namespace SanChaos.Faults;

/// <summary>
/// One lab element a fault touches, named as the inventory declares it. Create with <see cref="Node"/>,
/// <see cref="Switch"/>, <see cref="PduOutlet"/>, <see cref="Interface"/> or <see cref="SerialCable"/>.
/// </summary>
public sealed record FaultTarget
{
    private FaultTarget(FaultTargetKind kind, string device, string? nic = null, string? pdu = null, int? outlet = null, string? peer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        Kind = kind;
        Device = device;
        Nic = nic;
        Pdu = pdu;
        Outlet = outlet;
        Peer = peer;
    }

    /// <summary>What sort of element it is.</summary>
    public FaultTargetKind Kind { get; }

    /// <summary>
    /// The node or switch; for a PDU outlet the device it feeds; for an interface its node; for the serial cable its
    /// first end.
    /// </summary>
    public string Device { get; }

    /// <summary>The interface name (<see cref="FaultTargetKind.Interface"/>), else null.</summary>
    public string? Nic { get; }

    /// <summary>The PDU's inventory name (<see cref="FaultTargetKind.PduOutlet"/>), else null.</summary>
    public string? Pdu { get; }

    /// <summary>The outlet number (<see cref="FaultTargetKind.PduOutlet"/>), else null.</summary>
    public int? Outlet { get; }

    /// <summary>The serial cable's second end (<see cref="FaultTargetKind.SerialCable"/>), else null.</summary>
    public string? Peer { get; }

    /// <summary>A node.</summary>
    public static FaultTarget Node(string name) => new(FaultTargetKind.Node, name);

    /// <summary>A switch.</summary>
    public static FaultTarget Switch(string name) => new(FaultTargetKind.Switch, name);

    /// <summary>Outlet <paramref name="outlet"/> of PDU <paramref name="pdu"/>, which feeds <paramref name="feeds"/>.</summary>
    public static FaultTarget PduOutlet(string pdu, int outlet, string feeds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pdu);
        return new(FaultTargetKind.PduOutlet, feeds, pdu: pdu, outlet: outlet);
    }

    /// <summary>Interface <paramref name="nic"/> of node <paramref name="node"/>.</summary>
    public static FaultTarget Interface(string node, string nic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nic);
        return new(FaultTargetKind.Interface, node, nic: nic);
    }

    /// <summary>The null-modem cable between <paramref name="end1"/> and <paramref name="end2"/>.</summary>
    public static FaultTarget SerialCable(string end1, string end2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(end2);
        return new(FaultTargetKind.SerialCable, end1, peer: end2);
    }

    /// <summary>"node otter", "switch switch-a", "outlet 1 (otter) of PDU pdu1", "interface otter eth1", "serial cable otter–weasel".</summary>
    public override string ToString() => Kind switch
    {
        FaultTargetKind.Node => $"node {Device}",
        FaultTargetKind.Switch => $"switch {Device}",
        FaultTargetKind.PduOutlet => string.Create(CultureInfo.InvariantCulture, $"outlet {Outlet} ({Device}) of PDU {Pdu}"),
        FaultTargetKind.Interface => $"interface {Device} {Nic}",
        _ => $"serial cable {Device}–{Peer}",
    };
}
