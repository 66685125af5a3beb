namespace SanChaos.Inventory.Model;

/// <summary>
/// How a Vagrant lab runs (the inventory's <c>vagrant:</c> section, only for <c>lab: { kind: vagrant }</c>). The
/// Vagrantfile in <see cref="Directory"/> reads the same inventory, so machine names, networks, addresses, MACs and
/// serial ports are written once.
/// </summary>
/// <param name="Directory">The directory holding the Vagrantfile (absolute; written relative to the inventory file).</param>
/// <param name="Provider">libvirt or virtualbox.</param>
/// <param name="Box">The Vagrant box every machine starts from. Default <c>debian/bookworm64</c>.</param>
/// <param name="NamePrefix">
/// Prefix of the VirtualBox VM names and libvirt domain names (<c>&lt;prefix&gt;&lt;node&gt;</c>) and of the networks the
/// Vagrantfile creates. Default <c>sanchaos-</c>.
/// </param>
/// <param name="LibvirtUri">The libvirt connection <c>virsh</c> uses (vagrant-libvirt's default). Default <c>qemu:///system</c>.</param>
/// <param name="SerialTcpPorts">
/// Each end of the serial cable: the TCP port on 127.0.0.1 where its VM's <c>/dev/ttyS1</c> listens; the harness relays
/// bytes between the two.
/// </param>
/// <param name="DataDiskGb">Size of the storage nodes' second disk (DRBD's backing disk), in GB. Default 2.</param>
/// <param name="Cpus">Virtual CPUs per machine. Default 1.</param>
/// <param name="Location">Where the section was declared.</param>
public sealed record VagrantSpec(
    string Directory,
    VagrantProviderKind Provider,
    string Box,
    string NamePrefix,
    string LibvirtUri,
    IReadOnlyDictionary<string, int> SerialTcpPorts,
    int DataDiskGb,
    int Cpus,
    SourceLocation Location)
{
    /// <summary>The box used when the inventory names none.</summary>
    public const string DefaultBox = "debian/bookworm64";

    /// <summary>The prefix used when the inventory names none.</summary>
    public const string DefaultNamePrefix = "sanchaos-";

    /// <summary>The libvirt URI used when the inventory names none.</summary>
    public const string DefaultLibvirtUri = "qemu:///system";

    /// <summary>The serial device the Vagrantfile wires to the TCP port (COM2; COM1 stays the box's console).</summary>
    public const string SerialDevice = "/dev/ttyS1";

    /// <summary>The provider's name on Vagrant's command line (<c>--provider</c>).</summary>
    public string ProviderName => ProviderNameOf(Provider);

    /// <summary>
    /// The block device the storage nodes' second disk appears as: <c>/dev/vdb</c> (virtio under libvirt),
    /// <c>/dev/sdb</c> (VirtualBox attaches it beside the box's disk).
    /// </summary>
    public string DataDiskDevice => Provider == VagrantProviderKind.Libvirt ? "/dev/vdb" : "/dev/sdb";

    /// <summary>The VM (VirtualBox) or domain (libvirt) name of <paramref name="node"/>.</summary>
    public string MachineName(string node) => NamePrefix + node;

    /// <summary>The name on Vagrant's command line of <paramref name="provider"/>.</summary>
    public static string ProviderNameOf(VagrantProviderKind provider) => provider == VagrantProviderKind.Libvirt ? "libvirt" : "virtualbox";
}
