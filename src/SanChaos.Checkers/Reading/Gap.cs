namespace SanChaos.Checkers.Reading;

/// <summary>A time during which a storage node's state was not observed.</summary>
/// <param name="Span">When.</param>
/// <param name="Why">Why, in words (for evidence).</param>
/// <param name="Cause">What caused it.</param>
internal sealed record Gap(Span Span, string Why, GapCause Cause)
{
    /// <summary>True when the node may have done something the history does not show (it was running, unobserved).</summary>
    public bool Unexplained => Cause is GapCause.Lost or GapCause.NotObserved or GapCause.PowerUnconfirmed;
}

/// <summary>Why a node was not observed.</summary>
internal enum GapCause
{
    /// <summary>Before its first state sample (observation starting).</summary>
    Startup,

    /// <summary>A power fault cut it; the gap lasts until it reports again.</summary>
    PowerCut,

    /// <summary>Its observation stream was lost while it had power (unreachable).</summary>
    Lost,

    /// <summary>The timeline observer could not observe it.</summary>
    NotObserved,

    /// <summary>A power fault switched its outlets off, but it was not seen to stop answering (its stream was never lost): it may still run.</summary>
    PowerUnconfirmed,
}
