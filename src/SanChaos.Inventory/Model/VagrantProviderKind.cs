namespace SanChaos.Inventory.Model;

/// <summary>The Vagrant provider a Vagrant lab's machines run on.</summary>
public enum VagrantProviderKind
{
    /// <summary>vagrant-libvirt (KVM/QEMU through libvirt).</summary>
    Libvirt,
    /// <summary>Oracle VirtualBox.</summary>
    VirtualBox,
}
