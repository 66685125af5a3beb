namespace SanChaos.Checkers.Forbidden;

/// <summary>
/// Did every one of <paramref name="nodes"/> log a line of <paramref name="pattern"/> (e.g. Heartbeat's "returning after
/// partition" once both Heartbeat paths come back)? The lines are read as <see cref="ForbiddenLinesChecker"/> reads them.
/// Valid with the lines; Invalid naming the nodes that logged none; Unknown when such a node was not fully observed.
/// </summary>
/// <param name="pattern">The pattern (one of <see cref="ForbiddenPatterns.Default"/>, or any other).</param>
/// <param name="nodes">The nodes that must log it.</param>
public sealed class ExpectedLinesChecker(ForbiddenPattern pattern, IReadOnlyList<string> nodes) : IChecker
{
    /// <inheritdoc />
    public string Name => $"expected-{pattern.Name}";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        var scan = new ForbiddenLinesChecker(new ForbiddenLinesOptions { Patterns = [pattern], Nodes = nodes }).Check(input);
        var lines = scan.Evidence.Where(e => e.What.StartsWith(pattern.Name + ":", StringComparison.Ordinal)).ToArray();
        var missing = nodes.Where(n => lines.All(l => l.Node != n)).ToArray();
        if (missing.Length == 0)
            return Verdict.Valid(Name, $"{pattern.Name} logged on {string.Join(" and ", nodes)} ({pattern.Why})", lines);
        if (scan.Status == VerdictStatus.Unknown || scan.Evidence.Any(e => !lines.Contains(e) && missing.Contains(e.Node)))
            return Verdict.Unknown(Name, $"no {pattern.Name} line from {string.Join(" or ", missing)}, but lines are missing there: {scan.Summary}", [.. scan.Evidence]);
        return Verdict.Invalid(Name, $"{string.Join(" and ", missing)} logged no {pattern.Name} line (expected: {pattern.Why})", lines);
    }
}
