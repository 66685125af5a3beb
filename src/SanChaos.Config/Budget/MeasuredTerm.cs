namespace SanChaos.Config.Budget;

/// <summary>A machine-dependent budget term: measured on a lab, or a documented range when it was not.</summary>
/// <param name="Range">The figure.</param>
/// <param name="IsMeasured">True when measured.</param>
/// <param name="Source">The measurement (lab, date, what was timed) or why the range is what it is.</param>
public sealed record MeasuredTerm(TimeRange Range, bool IsMeasured, string Source)
{
    /// <summary>A measured figure.</summary>
    public static MeasuredTerm Measured(TimeRange range, string source) => new(range, true, source);

    /// <summary>A documented range standing in for a measurement.</summary>
    public static MeasuredTerm NotMeasured(TimeRange range, string why) => new(range, false, why);

    /// <summary>The term's origin in a budget.</summary>
    public TermOrigin Origin => IsMeasured ? TermOrigin.Measured : TermOrigin.NotMeasured;
}
