namespace SanChaos.Faults;

/// <summary>How a <see cref="FaultSet"/> journals, heals and whether it only pretends.</summary>
public sealed class FaultSetOptions
{
    /// <summary>The environment variable that turns a dry run on when <see cref="DryRun"/> is null: <c>SANCHAOS_DRY_RUN=1</c> (or true, yes, on).</summary>
    public const string DryRunVariable = Core.DryRunSwitch.Variable;

    /// <summary>
    /// Where active faults are journaled so <c>lab down</c> or the next run heals what a killed run left behind.
    /// Default null: no journal (unit tests). Drills pass the lab's, e.g. <c>new FaultJournal(Path.Combine(stateDir, "faults.json"))</c>.
    /// </summary>
    public FaultJournal? Journal { get; init; }

    /// <summary>
    /// Dry run: every action is printed to <see cref="Output"/> and recorded in the history ("DRY RUN: would switch
    /// outlet 1 (otter) of PDU pdu1 at http://127.0.0.1:8123 off") and nothing is done; the safety interlocks still
    /// apply. Default null: on when <see cref="DryRunVariable"/> says so.
    /// </summary>
    public bool? DryRun { get; init; }

    /// <summary>Deadline of each heal, on a token of its own (not the drill's). Default 2 min.</summary>
    public TimeSpan HealTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Where dry-run lines and warnings are printed. Default null: dry-run lines to standard output, warnings to standard error.</summary>
    public Action<string>? Output { get; init; }
}
