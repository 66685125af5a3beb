namespace SanChaos.Inventory.Model;

/// <summary>What the lab runs on.</summary>
public enum LabKind
{
    /// <summary>The real stack in user-mode Linux on this machine (the default).</summary>
    Embedded,
    /// <summary>Vagrant virtual machines.</summary>
    Vagrant,
    /// <summary>A real rack.</summary>
    Hardware,
}
