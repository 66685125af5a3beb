namespace SanChaos.Inventory.Model;

/// <summary>Where something was written: file, 1-based line and column.</summary>
/// <param name="File">Path of the inventory file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLocation(string File, long Line, long Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
