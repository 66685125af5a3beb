using SanChaos.Inventory.Model;

namespace SanChaos.Inventory.Loading;

/// <summary>One problem in an inventory file: where, what, and what to write instead.</summary>
/// <param name="At">File, line and column.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">What to write instead.</param>
public sealed record InventoryError(SourceLocation At, string Message, string Fix)
{
    /// <inheritdoc />
    public override string ToString() => string.IsNullOrEmpty(Fix) ? $"{At}: {Message}" : $"{At}: {Message} {Fix}";
}
