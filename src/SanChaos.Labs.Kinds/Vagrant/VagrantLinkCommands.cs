using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>
/// The provider command that sets the link of one VM NIC up or down (the cable plugged or pulled; the guest sees the
/// carrier come and go), as data (STYLE.md 8):
/// <list type="bullet">
/// <item>VirtualBox: <c>VBoxManage controlvm &lt;vm&gt; setlinkstateN on|off</c>, N the adapter (1 is Vagrant's NAT NIC,
///   so the inventory's eth1 is adapter 2).</item>
/// <item>libvirt: <c>virsh -c &lt;uri&gt; domif-setlink &lt;domain&gt; &lt;mac&gt; up|down</c> (the NIC found by its MAC).</item>
/// </list>
/// Both change the running VM only: a VM that boots again has every link up until the lab applies its state again.
/// </summary>
public static class VagrantLinkCommands
{
    /// <summary>The argument vector that sets <paramref name="node"/>'s <paramref name="nic"/> up or down.</summary>
    /// <param name="vagrant">The inventory's Vagrant section (provider, machine names, libvirt URI).</param>
    /// <param name="tools">The executables.</param>
    /// <param name="node">The node.</param>
    /// <param name="nic">One of its interfaces (its MAC is required for libvirt; the inventory check ensures one).</param>
    /// <param name="up">True: link up (cable plugged).</param>
    public static IReadOnlyList<string> LinkState(VagrantSpec vagrant, VagrantTools tools, NodeSpec node, InterfaceSpec nic, bool up)
    {
        var machine = vagrant.MachineName(node.Name);
        return vagrant.Provider switch
        {
            VagrantProviderKind.VirtualBox => [tools.VBoxManage, "controlvm", machine, $"setlinkstate{AdapterOf(node, nic)}", up ? "on" : "off"],
            _ => [tools.Virsh, "-c", vagrant.LibvirtUri, "domif-setlink", machine, nic.Mac!.ToLowerInvariant(), up ? "up" : "down"],
        };
    }

    /// <summary>What to check when the command fails.</summary>
    public static string Remedy(VagrantSpec vagrant, VagrantTools tools, NodeSpec node, InterfaceSpec nic) => vagrant.Provider switch
    {
        VagrantProviderKind.VirtualBox =>
            $"Check that `{tools.VBoxManage} list runningvms` lists {vagrant.MachineName(node.Name)} and that `{tools.VBoxManage} showvminfo " +
            $"{vagrant.MachineName(node.Name)}` has NIC {AdapterOf(node, nic)} ({nic.Name}); VM names are the inventory's name_prefix and node name.",
        _ =>
            $"Check that `{tools.Virsh} -c {vagrant.LibvirtUri} domiflist {vagrant.MachineName(node.Name)}` lists {nic.Mac} ({nic.Name}); domain " +
            "names are the inventory's name_prefix and node name, and the URI is its libvirt_uri.",
    };

    /// <summary>VirtualBox's adapter number of <paramref name="nic"/>: its place in the node's interfaces, after Vagrant's NIC 1.</summary>
    public static int AdapterOf(NodeSpec node, InterfaceSpec nic)
    {
        var index = node.Interfaces.ToList().FindIndex(i => i.Name == nic.Name);
        if (index < 0) throw new ArgumentException($"{nic.Name} is not an interface of {node.Name}.", nameof(nic));
        return index + 2;
    }
}
