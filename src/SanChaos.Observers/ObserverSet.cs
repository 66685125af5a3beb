using SanChaos.Core.History;
namespace SanChaos.Observers;

/// <summary>
/// The observers of one scenario: started together before the first fault, stopped in reverse order after the last
/// heal. An observer that fails to start or stop is recorded (<see cref="ObserverEventKinds.Failed"/>) and the others
/// go on: its data is then missing, and a checker that needs it says Unknown rather than the drill aborting.
/// </summary>
public sealed class ObserverSet : IAsyncDisposable
{
    private readonly IReadOnlyList<IObserver> _observers;
    private readonly List<IObserver> _running = new();
    private ObserverContext? _context;

    /// <summary>Creates the set; nothing runs before <see cref="StartAsync"/>.</summary>
    public ObserverSet(IEnumerable<IObserver> observers) => _observers = observers.ToArray();

    /// <summary>The observers, in start order.</summary>
    public IReadOnlyList<IObserver> Observers => _observers;

    /// <summary>Every artifact file the observers wrote.</summary>
    public IReadOnlyList<string> Artifacts => _observers.SelectMany(o => o.Artifacts).ToArray();

    /// <summary>Starts every observer at once and returns when each has started or failed.</summary>
    public async Task StartAsync(ObserverContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        Directory.CreateDirectory(context.ArtifactDirectory);
        var starts = _observers.Select(async o =>
        {
            try
            {
                await o.StartAsync(context, ct).ConfigureAwait(false);
                lock (_running) _running.Add(o);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Failed(o, "start", e);
            }
        }).ToArray();
        await Task.WhenAll(starts).ConfigureAwait(false);
    }

    /// <summary>Stops the running observers in reverse start order. Idempotent.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        IObserver[] running;
        lock (_running)
        {
            running = _observers.Where(_running.Contains).Reverse().ToArray();
            _running.Clear();
        }

        foreach (var o in running)
        {
            try
            {
                await o.StopAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Failed(o, "stop", e);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var o in _observers)
        {
            try
            {
                await o.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Failed(o, "dispose", e);
            }
        }
    }

    private void Failed(IObserver o, string what, Exception e) =>
        _context?.Run.History.Append(ObserverEventKinds.Failed, o.Name, $"{o.Name}: could not {what}: {e.Message}",
            new Dictionary<string, string> { ["observer"] = o.Name, ["phase"] = what, ["error"] = e.GetType().Name });
}
