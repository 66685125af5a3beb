namespace SanChaos.Checkers;

/// <summary>What a checker concluded. Merging: Invalid beats Unknown beats Valid (Jepsen's merge-valid).</summary>
public enum VerdictStatus
{
    /// <summary>The property holds, and the checker had the data to say so.</summary>
    Valid,
    /// <summary>The checker could not tell: data missing (an observer failed, a node unreachable) or the checker failed.
    /// Never counted as a pass; reported as "broken".</summary>
    Unknown,
    /// <summary>The property does not hold: the evidence says where and when.</summary>
    Invalid,
}
