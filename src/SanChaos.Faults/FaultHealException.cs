using SanChaos.Core.Errors;

namespace SanChaos.Faults;

/// <summary>
/// Healing one or more faults failed. Every fault was attempted; the message lists each failure with its own message
/// and the remedy says how the faults still in place get healed.
/// </summary>
public sealed class FaultHealException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="failures">The faults that failed to heal, in the order they were attempted; not empty.</param>
    /// <param name="journalPath">The journal that still lists them, or null when there is none.</param>
    public FaultHealException(IReadOnlyList<FaultHealFailure> failures, string? journalPath)
        : base(Describe(failures), RemedyFor(journalPath), Inner(failures))
    {
        Failures = failures;
        JournalPath = journalPath;
    }

    /// <summary>The faults that failed to heal.</summary>
    public IReadOnlyList<FaultHealFailure> Failures { get; }

    /// <summary>The journal that still lists them, or null.</summary>
    public string? JournalPath { get; }

    private static string Describe(IReadOnlyList<FaultHealFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (failures.Count == 0) throw new ArgumentException("At least one failure is needed.", nameof(failures));
        var lines = failures.Select(f => $"- '{f.FaultName}' ({f.Descriptor}): {DescribeError(f.Error)}");
        var head = failures.Count == 1 ? "Healing 1 fault failed; it may still be in place:" : $"Healing {failures.Count} faults failed; they may still be in place:";
        return head + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }

    private static string DescribeError(Exception e) => e switch
    {
        SanChaosException s when s.Remedy.Length > 0 => $"{s.Problem} (what to do: {s.Remedy})",
        SanChaosException s => s.Problem,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static string RemedyFor(string? journalPath) => journalPath is null
        ? "Fix the cause above, then heal by hand (power the outlets on, plug the cables, start the daemons) or take the lab down with `sanchaos lab down`."
        : $"Fix the cause above, then run `sanchaos lab down` (or the next run): the journal {journalPath} still lists these faults and they are healed from it.";

    private static Exception Inner(IReadOnlyList<FaultHealFailure> failures) =>
        failures.Count == 1 ? failures[0].Error : new AggregateException(failures.Select(f => f.Error));
}
