namespace SanChaos.Checkers;

/// <summary>The verdicts of a <see cref="CheckerSet"/> run and what they add up to.</summary>
/// <param name="Verdicts">One per checker, in the set's order.</param>
public sealed record CheckReport(IReadOnlyList<Verdict> Verdicts)
{
    /// <summary>The merged status (<see cref="Verdict.Merge"/>): Invalid beats Unknown beats Valid; no verdict at all is Unknown.</summary>
    public VerdictStatus Status => Verdict.Merge(Verdicts);

    /// <summary>True only when every verdict is Valid (and there is at least one): Unknown is never a pass.</summary>
    public bool Passed => Status == VerdictStatus.Valid;

    /// <summary>The verdict of checker <paramref name="name"/>, or null.</summary>
    public Verdict? Of(string name) => Verdicts.FirstOrDefault(v => v.Checker == name);

    /// <summary>One line per verdict, worst first.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Verdicts.OrderByDescending(v => v.Status).Select(v => v.ToString()));
}
