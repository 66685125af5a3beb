namespace SanChaos.Observers;

/// <summary>
/// Records one aspect of the SAN while a scenario runs, into the run's history and into artifact files. An observer
/// decides nothing (checkers do) and must not change what it observes: its load is light and stated.
/// </summary>
public interface IObserver : IAsyncDisposable
{
    /// <summary>Short name, used as the history events' source and in artifact file names.</summary>
    string Name { get; }

    /// <summary>Starts observing; returns once observation runs (before the first fault).</summary>
    Task StartAsync(ObserverContext context, CancellationToken ct);

    /// <summary>Stops observing (after the last heal), flushes its artifacts and records its summary. Idempotent.</summary>
    Task StopAsync(CancellationToken ct);

    /// <summary>Files this observer wrote (pcap, raw logs), for the scenario's results.</summary>
    IReadOnlyList<string> Artifacts { get; }
}
