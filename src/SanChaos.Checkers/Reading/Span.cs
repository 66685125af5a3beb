namespace SanChaos.Checkers.Reading;

/// <summary>A half-open interval of harness time, [From, To).</summary>
/// <param name="From">Start (included).</param>
/// <param name="To">End (excluded).</param>
internal readonly record struct Span(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>How long it lasts.</summary>
    public TimeSpan Duration => To - From;

    /// <summary>True when <paramref name="t"/> lies in it.</summary>
    public bool Contains(DateTimeOffset t) => t >= From && t < To;

    /// <summary><c>15:38:16.160 to 15:39:20.880 (64.72 s)</c>.</summary>
    public override string ToString() => $"{EventData.Clock(From)} to {EventData.Clock(To)} ({EventData.Span(Duration)})";
}
