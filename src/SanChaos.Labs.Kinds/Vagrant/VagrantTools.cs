namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>
/// The host programs a Vagrant lab runs. Each is a path or a name looked up in PATH:
/// <list type="bullet">
/// <item><see cref="Vagrant"/>: <c>vagrant</c> (every lab; run in the Vagrantfile's directory).</item>
/// <item><see cref="VBoxManage"/>: <c>VBoxManage</c> (VirtualBox: NIC link states).</item>
/// <item><see cref="Virsh"/>: <c>virsh</c> (libvirt: NIC link states).</item>
/// </list>
/// </summary>
public sealed record VagrantTools
{
    /// <summary>The vagrant executable. Default <c>vagrant</c> from PATH.</summary>
    public string Vagrant { get; init; } = "vagrant";

    /// <summary>VirtualBox's command-line tool. Default <c>VBoxManage</c> from PATH.</summary>
    public string VBoxManage { get; init; } = "VBoxManage";

    /// <summary>libvirt's command-line tool. Default <c>virsh</c> from PATH.</summary>
    public string Virsh { get; init; } = "virsh";
}
