using SanChaos.Checkers.Forbidden;
using SanChaos.Checkers.Garp;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Checkers.Stall;
using SanChaos.Checkers.Writes;
using SanChaos.Config.Budget;

namespace SanChaos.Checkers;

/// <summary>
/// Checkers run together on one scenario: each through <see cref="Checking.Run"/> (a checker that throws gives Unknown
/// and the others still run), their verdicts merged (Invalid beats Unknown beats Valid).
/// </summary>
/// <param name="checkers">The checkers, in the order their verdicts are reported.</param>
public sealed class CheckerSet(IEnumerable<IChecker> checkers)
{
    /// <summary>The checkers.</summary>
    public IReadOnlyList<IChecker> Checkers { get; } = checkers?.ToArray() ?? throw new ArgumentNullException(nameof(checkers));

    /// <summary>
    /// What every scenario is checked for: no split brain, every acknowledged write read back, gratuitous ARP after every
    /// move of a floating IP, no forbidden log line, and, when <paramref name="budget"/> is given, the I/O stall and errors
    /// within it.
    /// </summary>
    /// <param name="budget">The budget of the fault the scenario injects (<see cref="FailoverBudget.For"/>); null to leave the budget out.</param>
    /// <param name="splitBrain">Split-brain options; default <see cref="SplitBrainOptions"/> (set <see cref="SplitBrainOptions.RequireCapture"/> false on a lab without capture).</param>
    public static CheckerSet Standard(BudgetEstimate? budget = null, SplitBrainOptions? splitBrain = null)
    {
        var list = new List<IChecker> { new SplitBrainChecker(splitBrain), new AcknowledgedWritesChecker(), new GarpChecker(), new ForbiddenLinesChecker() };
        if (budget is not null) list.Add(new StallBudgetChecker(budget));
        return new CheckerSet(list);
    }

    /// <summary>Runs every checker on <paramref name="input"/>.</summary>
    public CheckReport Run(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new CheckReport(Checkers.Select(c => Checking.Run(c, input)).ToArray());
    }
}
