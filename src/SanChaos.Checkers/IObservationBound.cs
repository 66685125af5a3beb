namespace SanChaos.Checkers;

/// <summary>
/// A checker whose verdict needs the SAN observed until some moment, typically a bound a step counts from the fault
/// ("gratuitous ARP ... within 60 s"): before that moment "not seen yet" cannot become "not seen". A drill keeps its
/// observers running until the latest moment the checkers its steps asked for need (<see cref="ObservationBound.Latest"/>).
/// An optional capability, checked with a type test.
/// </summary>
public interface IObservationBound
{
    /// <summary>The last moment this checker needs observed, given the history so far; null when it needs nothing more (no fault yet, nothing bounded).</summary>
    /// <param name="input">The history so far (in time order) and the lab.</param>
    ObservationNeed? ObserveUntil(CheckInput input);
}
