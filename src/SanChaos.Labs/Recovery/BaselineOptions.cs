using SanChaos.Core.History;
using SanChaos.Labs.State;

namespace SanChaos.Labs.Recovery;

/// <summary>How <see cref="Baseline.RestoreAsync"/> waits and repairs.</summary>
public sealed record BaselineOptions
{
    /// <summary>Budget for the lab to reach steady state, repairs included. Default 6 min (a power-cycled node boots,
    /// waits out Heartbeat's initdead and resyncs).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>Pause between rounds. Default 5 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a problem must persist before it is repaired, so a state passing by (DRBD is StandAlone for
    /// a moment while <c>drbdadm up</c> runs at boot) is left alone. Default 20 s.</summary>
    public TimeSpan Confirm { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts per repair before it is left to the error report. Default 2.</summary>
    public int MaxAttempts { get; init; } = 2;

    /// <summary>Timeout of one repair command (starting Heartbeat under UML takes most of a minute). Default 3 min.</summary>
    public TimeSpan RepairTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Repairs are recorded here (kind <see cref="EventKinds.Recovery"/>, with what was wrong, since when, what was done, the
    /// repair's kind, class and checker); null records nothing.
    /// </summary>
    public RunHistory? History { get; init; }

    /// <summary>Which moment of a scenario this is, recorded with each repair as <c>phase</c> (<c>end</c>: after its heals,
    /// the repair is that scenario's; <c>start</c>: before its first fault, left by an earlier one). Default null: not recorded.</summary>
    public string? Phase { get; init; }

    /// <summary>Called with each repair once it ran (a scenario collects its own). Default null.</summary>
    public Action<RepairRecord>? OnRepair { get; init; }

    /// <summary>Progress lines (each repair and its outcome).</summary>
    public Action<string>? Output { get; init; }

    /// <summary>Steady-state options (clock, probe marker, catalog).</summary>
    public SteadyStateOptions SteadyState { get; init; } = new();
}
