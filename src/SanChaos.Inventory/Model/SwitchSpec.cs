namespace SanChaos.Inventory.Model;

/// <summary>An Ethernet switch.</summary>
/// <param name="Name">Inventory name.</param>
/// <param name="Model">Free text (rack documentation), may be empty.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record SwitchSpec(string Name, string Model, SourceLocation Location);
