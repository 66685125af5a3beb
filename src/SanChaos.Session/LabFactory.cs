using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs;

namespace SanChaos.Session;

/// <summary>Opens the lab an inventory describes.</summary>
public static class LabFactory
{
    /// <summary>An embedded lab, a hardware lab, or a clear error for a kind this build cannot drive.</summary>
    public static ILab Create(LabInventory inventory, LabOptions? options = null)
    {
        options ??= new LabOptions();
        return inventory.Kind switch
        {
            LabKind.Embedded => new EmbeddedLab(inventory, options),
            LabKind.Hardware => new HardwareLab(inventory, options),
            _ => throw new SanChaosException(
                $"{inventory.SourcePath} describes a {inventory.Kind.ToString().ToLowerInvariant()} lab, which this build of SanChaos cannot drive yet.",
                "use the embedded lab (unset SANCHAOS_LAB) or a hardware inventory (see lab/hardware.example.yaml)."),
        };
    }
}
