namespace SanChaos.Core.Waiting;

/// <summary>The result of one check of a condition: whether it holds and what was seen.</summary>
/// <param name="Satisfied">True when the condition holds.</param>
/// <param name="Observed">What was seen, reported if the wait times out.</param>
public readonly record struct Probe(bool Satisfied, string Observed)
{
    /// <summary>The condition holds.</summary>
    public static Probe Yes(string observed = "ok") => new(true, observed);

    /// <summary>The condition does not hold yet.</summary>
    public static Probe No(string observed) => new(false, observed);
}
