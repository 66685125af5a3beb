namespace SanChaos.Checkers;

/// <summary>A checker's conclusion with its evidence (STYLE.md 3: verdicts are values).</summary>
/// <param name="Checker">The checker's name.</param>
/// <param name="Status">Valid, Invalid or Unknown.</param>
/// <param name="Summary">One line a person reads first (e.g. "I/O stall 31.2 s, budget 12–26 s: over budget").</param>
/// <param name="Evidence">What the summary rests on, in time order where it has times.</param>
/// <param name="Figures">Named figures the checker measured (e.g. stall_s = 31.2), for reports and comparisons.</param>
public sealed record Verdict(string Checker, VerdictStatus Status, string Summary, IReadOnlyList<Evidence> Evidence,
    IReadOnlyDictionary<string, double>? Figures = null)
{
    /// <summary>A valid verdict.</summary>
    public static Verdict Valid(string checker, string summary, params Evidence[] evidence) => new(checker, VerdictStatus.Valid, summary, evidence);

    /// <summary>An invalid verdict.</summary>
    public static Verdict Invalid(string checker, string summary, params Evidence[] evidence) => new(checker, VerdictStatus.Invalid, summary, evidence);

    /// <summary>An unknown verdict (data missing, or the checker failed).</summary>
    public static Verdict Unknown(string checker, string summary, params Evidence[] evidence) => new(checker, VerdictStatus.Unknown, summary, evidence);

    /// <summary>Merges verdicts: Invalid beats Unknown beats Valid; no verdicts at all is Unknown.</summary>
    public static VerdictStatus Merge(IEnumerable<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var list = verdicts.ToArray();
        if (list.Length == 0) return VerdictStatus.Unknown;
        return list.Max(v => v.Status);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Checker}: {Status.ToString().ToUpperInvariant()}: {Summary}";
}
