namespace SanChaos.Config.Budget;

/// <summary>Whether the configuration says an outcome happens.</summary>
public enum Expectation
{
    /// <summary>It cannot happen with this configuration (within the budget's ranges).</summary>
    No,

    /// <summary>It happens for part of the budget's ranges: it depends on where in them the real figures fall.</summary>
    Possible,

    /// <summary>It happens for every figure in the budget's ranges.</summary>
    Yes,
}
