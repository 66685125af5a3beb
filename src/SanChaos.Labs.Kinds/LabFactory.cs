using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.Kinds.Hardware;
using SanChaos.Labs.Kinds.Vagrant;
using SanChaos.Labs.Uml;

namespace SanChaos.Labs.Kinds;

/// <summary>Opens the lab an inventory describes.</summary>
public static class LabFactory
{
    /// <summary>
    /// The checks to make before the lab lock is taken or anything is created: for the embedded lab, root and
    /// <c>/dev/net/tun</c> (<see cref="HostPreflight"/>); none for other kinds. Throws a <see cref="SanChaosException"/> with the fix.
    /// </summary>
    /// <param name="inventory">The lab to check the machine for.</param>
    /// <param name="runAsRoot">How the caller's user runs it as root, e.g. run `sudo sanchaos lab up`.</param>
    /// <param name="host">The machine's facts; default <see cref="HostFacts.Current"/> (tests give their own).</param>
    public static void Preflight(LabInventory inventory, string runAsRoot, HostFacts? host = null)
    {
        if (inventory.Kind == LabKind.Embedded) HostPreflight.Check(host ?? HostFacts.Current(), runAsRoot);
    }

    /// <summary>
    /// An embedded, Vagrant or hardware lab. Every run opens its lab here (<c>lab up</c>, the drills' shared lab,
    /// <c>lab status</c>, <c>fault</c>, <c>lint</c> of a running lab), so this is where a rack that skips host key checking
    /// says so (<see cref="HostKeyWarning"/>): on <see cref="LabOptions.Progress"/>, or on standard error when there is none.
    /// </summary>
    public static ILab Create(LabInventory inventory, LabOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        options ??= new LabOptions();
        if (HostKeyWarning.For(inventory) is { } warning) (options.Progress ?? Console.Error.WriteLine)(warning);
        return inventory.Kind switch
        {
            LabKind.Embedded => new EmbeddedLab(inventory, options),
            LabKind.Hardware => new HardwareLab(inventory, options),
            LabKind.Vagrant => new VagrantLab(inventory, options),
            _ => throw new SanChaosException(
                $"{inventory.SourcePath} describes a {inventory.Kind.ToString().ToLowerInvariant()} lab, which this build of SanChaos cannot drive yet.",
                "use the embedded lab (unset SANCHAOS_LAB), lab/vagrant.yaml or a hardware inventory (see lab/hardware.example.yaml)."),
        };
    }
}
