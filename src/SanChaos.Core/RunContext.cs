using SanChaos.Core.History;

namespace SanChaos.Core;

/// <summary>What one run shares: its id (labels everything it creates), clock, seed and history.</summary>
public sealed class RunContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="runId">Short id; labels namespaces, processes and files. Default: random 8 hex chars.</param>
    /// <param name="time">Clock. Default <see cref="TimeProvider.System"/>.</param>
    /// <param name="seed">Seed for any random choice; shown in reports. Default: random.</param>
    public RunContext(string? runId = null, TimeProvider? time = null, int? seed = null)
    {
        RunId = runId ?? Guid.NewGuid().ToString("N")[..8];
        Time = time ?? TimeProvider.System;
        Seed = seed ?? Random.Shared.Next();
        History = new RunHistory(Time);
    }

    /// <summary>The run id.</summary>
    public string RunId { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Seed for random schedules.</summary>
    public int Seed { get; }

    /// <summary>The run's history.</summary>
    public RunHistory History { get; }
}
