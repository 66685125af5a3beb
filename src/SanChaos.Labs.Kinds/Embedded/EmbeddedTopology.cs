using System.Globalization;
using SanChaos.Config;
using SanChaos.Config.Heartbeat;
using SanChaos.Config.Sources;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Uml;

namespace SanChaos.Labs.Kinds.Embedded;

/// <summary>Maps an embedded-lab inventory onto the user-mode-Linux substrate's topology.</summary>
public static class EmbeddedTopology
{
    /// <summary>The harness's own address on the management bridge, inside the lab's namespace (host .254 of the management subnet).</summary>
    public static string HarnessAddress(LabInventory inv)
    {
        var mgmt = inv.Network(NetworkPurpose.Management).Subnet;
        var b = mgmt.Network.Address.GetAddressBytes();
        var hostBits = 32 - mgmt.PrefixLength;
        var host = hostBits >= 8 ? 254u : (1u << hostBits) - 2;
        var v = ((uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3]) + host;
        return string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}/{mgmt.PrefixLength}");
    }

    /// <summary>Builds the topology: one bridge per network, one node per inventory node, the serial cable.</summary>
    /// <param name="inv">A validated inventory of kind embedded.</param>
    /// <param name="runId">Labels the namespace and everything the run creates.</param>
    /// <param name="sshPublicKey">authorized_keys line for the harness.</param>
    /// <param name="dataDiskMb">Size of each storage node's DRBD disk.</param>
    /// <param name="serialBaud">The serial cable's speed (<see cref="SerialBaud"/>); default Heartbeat's 19200.</param>
    public static UmlTopology From(LabInventory inv, string runId, string sshPublicKey, int dataDiskMb = 256, int serialBaud = HaCf.DefaultBaud)
    {
        var bridges = inv.Networks.Select(n => new UmlBridge(n.Name, n.Switch)).ToArray();
        var nodes = inv.Nodes.Select((n, ni) => new UmlNodeSpec(
            n.Name,
            n.MemoryMb,
            n.Interfaces.Select((i, ii) => new UmlInterface(i.Name, i.Mac ?? DefaultMac(ni, ii), i.Network, i.Address.ToString())).ToArray(),
            n.Role == NodeRole.Storage ? dataDiskMb : 0)).ToArray();
        UmlSerialCable? serial = null;
        if (inv.Serial is { } s)
        {
            var a = inv.Node(s.Ends[0]);
            serial = new UmlSerialCable(a.Name, s.Ends[1], LineOf(a.SerialPort), serialBaud);
        }

        return new UmlTopology(runId, bridges, nodes, inv.Network(NetworkPurpose.Management).Name, HarnessAddress(inv), sshPublicKey, serial);
    }

    /// <summary>
    /// The serial cable's speed: the <c>baud</c> of the ha.cf SanChaos renders for the cable's first end
    /// (<see cref="HaCf.Baud"/>), so the relay runs at the speed both Heartbeats were told. Heartbeat's 19200 without a
    /// serial cable, or when that line is not a number.
    /// </summary>
    public static int SerialBaud(LabInventory inv)
    {
        ArgumentNullException.ThrowIfNull(inv);
        if (inv.Serial is not { } s) return HaCf.DefaultBaud;
        return SutConfiguration.Parse(RenderedConfig.From(inv)).Node(s.Ends[0])?.HaCf?.Baud ?? HaCf.DefaultBaud;
    }

    private static int LineOf(string? device) =>
        device is not null && device.StartsWith("/dev/ttyS", StringComparison.Ordinal) && int.TryParse(device[9..], out var n) ? n : 1;

    private static string DefaultMac(int node, int nic) => string.Create(CultureInfo.InvariantCulture, $"52:54:00:{node + 1:x2}:{nic:x2}:01");
}
