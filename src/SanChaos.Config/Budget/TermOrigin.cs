namespace SanChaos.Config.Budget;

/// <summary>Where a budget term's figure comes from.</summary>
public enum TermOrigin
{
    /// <summary>A line of the configuration.</summary>
    Configuration,

    /// <summary>The software's built-in default (the configuration does not set it).</summary>
    Default,

    /// <summary>Measured on a lab (see <see cref="MeasuredTerms"/>).</summary>
    Measured,

    /// <summary>Depends on the machine and was not measured: a documented range.</summary>
    NotMeasured,
}
