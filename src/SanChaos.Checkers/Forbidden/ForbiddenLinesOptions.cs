namespace SanChaos.Checkers.Forbidden;

/// <summary>Options of <see cref="ForbiddenLinesChecker"/>.</summary>
public sealed record ForbiddenLinesOptions
{
    /// <summary>The forbidden lines. Default null: <see cref="ForbiddenPatterns.Default"/> (lab/sut/commands.yaml <c>forbidden:</c>).</summary>
    public IReadOnlyList<ForbiddenPattern>? Patterns { get; init; }

    /// <summary>The nodes whose lines are searched. Default null: every node of the inventory.</summary>
    public IReadOnlyList<string>? Nodes { get; init; }

    /// <summary>How long before a recorded stream loss a node may already have been silent (lines from then may be missing). Default 20 s.</summary>
    public TimeSpan StreamLossLead { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Patterns the drill expects (name → why), e.g. <c>heartbeat-partition</c> when both Heartbeat paths were cut on
    /// purpose: their lines are evidence, not violations. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Expected { get; init; } = new Dictionary<string, string>();

    /// <summary>At most this many forbidden lines as evidence (the rest are counted). Default 50.</summary>
    public int MaxEvidence { get; init; } = 50;
}
