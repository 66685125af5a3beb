using SanChaos.Core.Errors;

namespace SanChaos.Inventory.Loading;

/// <summary>An inventory did not validate. Lists every error at once, each with file, line and column.</summary>
public sealed class InventoryException : SanChaosException
{
    /// <summary>Creates the error from the list of problems.</summary>
    public InventoryException(string file, IReadOnlyList<InventoryError> errors)
        : base($"{file}: {errors.Count} error{(errors.Count == 1 ? "" : "s")} in the lab inventory:{Environment.NewLine}" +
               string.Join(Environment.NewLine, errors.Select(e => "  " + e)),
            $"correct the lines above and check again with `sanchaos inventory check {file}`.")
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<InventoryError> Errors { get; }
}
