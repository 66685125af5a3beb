using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>How <see cref="SteadyState"/> checks and waits.</summary>
public sealed record SteadyStateOptions
{
    /// <summary>Pause between checks of one condition. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Clock for deadlines. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Run id written into the probe block's marker. Default "steady".</summary>
    public string RunId { get; init; } = "steady";

    /// <summary>Seed of the probe blocks' random content (shown in reports). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Include the write-then-read-back probe (it writes one 4 KiB block). Default true.</summary>
    public bool WriteProbe { get; init; } = true;

    /// <summary>Per-command timeout. Default 30 s.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Commands and patterns; null = <see cref="CommandCatalog.Default"/>.</summary>
    public CommandCatalog? Catalog { get; init; }
}
