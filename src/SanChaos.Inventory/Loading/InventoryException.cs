using SanChaos.Core.Errors;

namespace SanChaos.Inventory.Loading;

/// <summary>An inventory did not validate. Lists every error at once, each with file, line and column.</summary>
public sealed class InventoryException : SanChaosException
{
    /// <summary>Creates the error from the list of problems.</summary>
    /// <remarks>One error reads as one line (file:line:column, what is wrong) and its fix; several are listed one a line.</remarks>
    public InventoryException(string file, IReadOnlyList<InventoryError> errors)
        : base(ProblemOf(file, errors), RemedyOf(file, errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<InventoryError> Errors { get; }

    private static string ProblemOf(string file, IReadOnlyList<InventoryError> errors) => errors.Count == 1
        ? $"{errors[0].At}: {errors[0].Message}"
        : $"{file}: {errors.Count} errors in the lab inventory:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e));

    private static string RemedyOf(string file, IReadOnlyList<InventoryError> errors)
    {
        var recheck = $"check again with `sanchaos inventory check {file}`.";
        return errors.Count == 1
            ? $"{errors[0].Fix} Then {recheck}".TrimStart()
            : $"correct the lines above and {recheck}";
    }
}
