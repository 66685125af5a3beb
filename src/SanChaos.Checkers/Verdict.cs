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

    /// <summary>
    /// One verdict made of the parts of a checker (split brain: DRBD roles, floating IPs, ARP claims...): its status is
    /// their merge (<see cref="Merge"/>), its summary their summaries worst first, its evidence theirs worst first, its
    /// figures all of theirs.
    /// </summary>
    /// <param name="checker">The checker's name.</param>
    /// <param name="parts">The parts' verdicts; none gives Unknown.</param>
    public static Verdict Combine(string checker, IEnumerable<Verdict> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.OrderByDescending(p => p.Status).ToArray();
        if (list.Length == 0) return Unknown(checker, "nothing was checked");
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in list.SelectMany(p => p.Figures ?? new Dictionary<string, double>())) figures.TryAdd(k, v);
        return new Verdict(checker, Merge(list), string.Join("; ", list.Select(p => p.Summary)), list.SelectMany(p => p.Evidence).ToArray(),
            figures.Count == 0 ? null : figures);
    }

    /// <summary>This verdict with <paramref name="figures"/> added to its own.</summary>
    public Verdict WithFigures(IEnumerable<KeyValuePair<string, double>> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var all = new Dictionary<string, double>(Figures ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        foreach (var (k, v) in figures) all[k] = v;
        return this with { Figures = all };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Checker}: {Status.ToString().ToUpperInvariant()}: {Summary}";
}
