namespace SanChaos.Checkers;

/// <summary>Reads a history and returns a verdict with evidence. Runs no command; a checker that throws or lacks the
/// data it needs yields Unknown (see <see cref="Checking.Run"/>), never Valid.</summary>
public interface IChecker
{
    /// <summary>Short name (e.g. <c>split-brain</c>), used in reports and categories.</summary>
    string Name { get; }

    /// <summary>Checks <paramref name="input"/>.</summary>
    Verdict Check(CheckInput input);
}
