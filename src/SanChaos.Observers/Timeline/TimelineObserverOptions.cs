using SanChaos.Labs.Provisioning;

namespace SanChaos.Observers.Timeline;

/// <summary>Options of <see cref="TimelineObserver"/>.</summary>
public sealed record TimelineObserverOptions
{
    /// <summary>Commands and rules; default <see cref="CommandCatalog.Default"/> (lab/sut/commands.yaml).</summary>
    public CommandCatalog? Catalog { get; init; }

    /// <summary>Nodes to observe; default every node of the inventory.</summary>
    public IReadOnlyList<string>? Nodes { get; init; }

    /// <summary>Pause between attempts to reach a node whose stream was lost; default 2 s.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Clock-echo exchanges per measurement; default 8.</summary>
    public int ClockSamples { get; init; } = 8;
}
