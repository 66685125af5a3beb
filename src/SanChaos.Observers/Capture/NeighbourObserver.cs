using System.Net;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Streaming;
using SanChaos.Core.History;

namespace SanChaos.Observers.Capture;

/// <summary>
/// The client's view of the floating IPs: which MAC each client's neighbour table binds each floating IP to, over time.
/// One long-running <c>ip -o monitor neigh</c> per client (<see cref="IStreamingNode.Start"/>), preceded by one
/// <c>ip -o neigh show</c>; every line about a watched address becomes a <see cref="NetEventKinds.Neigh"/> event stamped
/// when the harness read it. All lines go to <c>neigh-&lt;client&gt;.log</c> in the artifact directory.
/// Load: one <c>ip</c> process per client, idle between changes.
/// </summary>
public sealed class NeighbourObserver : IObserver
{
    private readonly NeighbourObserverOptions _options;
    private readonly List<(string Client, IRemoteStream Stream, Task Pump, StreamWriter Log)> _streams = [];
    private readonly List<NeighbourObservation> _observations = [];
    private readonly List<string> _artifacts = [];
    private readonly List<string> _problems = [];
    private readonly Lock _gate = new();
    private ObserverContext? _context;
    private HashSet<IPAddress> _watched = [];
    private MacDirectory _macs = MacDirectory.Empty;
    private Task? _stop;
    private volatile bool _stopping;

    /// <summary>Creates the observer; nothing runs before <see cref="StartAsync"/>.</summary>
    public NeighbourObserver(NeighbourObserverOptions? options = null) => _options = options ?? new NeighbourObserverOptions();

    /// <inheritdoc />
    public string Name => "neigh";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts
    {
        get { lock (_gate) return [.. _artifacts]; }
    }

    /// <summary>Every observation of a watched address so far, in the order read.</summary>
    public IReadOnlyList<NeighbourObservation> Observations
    {
        get { lock (_gate) return [.. _observations]; }
    }

    /// <summary>What went wrong with a client's stream (it ended before the stop), one line each.</summary>
    public IReadOnlyList<string> Problems
    {
        get { lock (_gate) return [.. _problems]; }
    }

    /// <summary>
    /// The MAC <paramref name="client"/>'s table bound <paramref name="ip"/> to at <paramref name="at"/> (the last line read
    /// at or before then), or null when it had no usable entry (none yet, FAILED, INCOMPLETE, deleted).
    /// </summary>
    public string? MacAt(string client, IPAddress ip, DateTimeOffset at) =>
        Observations.LastOrDefault(o => o.Client == client && o.Entry.Address.Equals(ip) && o.Time <= at) is { Entry.Usable: true } o ? o.Entry.Mac : null;

    /// <summary>
    /// The changes of binding of <paramref name="ip"/> in <paramref name="client"/>'s table: the first observation and each
    /// one whose MAC (or usability) differs from the one before. "badger used otter's MAC until 12:00:03.2, then weasel's".
    /// </summary>
    public IReadOnlyList<NeighbourObservation> MacChanges(string client, IPAddress ip)
    {
        var result = new List<NeighbourObservation>();
        string? last = null;
        var first = true;
        foreach (var o in Observations.Where(o => o.Client == client && o.Entry.Address.Equals(ip)))
        {
            var mac = o.Entry.Usable ? o.Entry.Mac : null;
            if (!first && mac == last) continue;
            result.Add(o);
            (last, first) = (mac, false);
        }

        return result;
    }

    /// <summary>
    /// Starts the command on every client and returns once each printed its snapshot (<see cref="NeighbourObserverOptions.ReadyMarker"/>).
    /// Throws <see cref="SanChaosException"/> when a client is missing, cannot stream, or never gets ready.
    /// </summary>
    public async Task StartAsync(ObserverContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        Directory.CreateDirectory(context.ArtifactDirectory);
        if (_context is not null) throw new InvalidOperationException("the neighbour observer was already started");
        _context = context;
        _macs = MacDirectory.FromInventory(context.Inventory, _options.Macs);
        _watched = [.. _options.Addresses ?? context.Inventory.FloatingIps.Select(f => f.Address.Address)];
        var clients = _options.Clients ?? context.Inventory.Clients.Select(c => c.Name).ToArray();
        try
        {
            await Task.WhenAll(clients.Select(c => StartOneAsync(context, c, ct))).ConfigureAwait(false);
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartOneAsync(ObserverContext context, string client, CancellationToken ct)
    {
        if (!context.Nodes.TryGetValue(client, out var node))
            throw new SanChaosException($"The neighbour observer has no node '{client}' (the lab has: {string.Join(", ", context.Nodes.Keys)}).",
                "name a client of the inventory in NeighbourObserverOptions.Clients.");
        if (node is not IStreamingNode streaming)
            throw new SanChaosException($"Node {client} ({node.GetType().Name}) cannot run a long-lived command, so its neighbour table cannot be followed.",
                "use a lab whose nodes implement IStreamingNode (SSH nodes do).");
        var file = Path.Combine(context.ArtifactDirectory, $"neigh-{client}.log");
        var log = new StreamWriter(file, append: false) { AutoFlush = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = streaming.Start(_options.Command, new RemoteStreamOptions { Time = context.Run.Time });
        var pump = Task.Run(() => PumpAsync(client, stream, log, ready));
        lock (_gate)
        {
            _artifacts.Add(file);
            _streams.Add((client, stream, pump, log));
        }

        try
        {
            await ready.Task.WaitAsync(_options.ReadyTimeout, context.Run.Time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new SanChaosException(
                $"The neighbour table of {client} did not print its snapshot within {_options.ReadyTimeout.TotalSeconds:0.#} s (`{_options.Command}`).",
                $"run the command on {client} by hand; iproute2's `ip` must be installed.");
        }
    }

    private async Task PumpAsync(string client, IRemoteStream stream, StreamWriter log, TaskCompletionSource ready)
    {
        var time = _context!.Run.Time;
        await foreach (var line in stream.Lines.ReadAllAsync().ConfigureAwait(false))
        {
            var at = time.GetUtcNow() - time.GetElapsedTime(line.Received);
            await log.WriteLineAsync($"{at:yyyy-MM-ddTHH:mm:ss.ffffffZ} {line.Text}").ConfigureAwait(false);
            if (line.Text.Trim() == _options.ReadyMarker)
            {
                ready.TrySetResult();
                continue;
            }

            if (NeighbourLineParser.Parse(line.Text) is not { } entry) continue;
            if (_watched.Count > 0 && !_watched.Contains(entry.Address)) continue;
            Record(new NeighbourObservation(at, client, entry, entry.Mac is null ? null : _macs.NodeOf(entry.Mac)));
        }

        var result = await stream.Completion.ConfigureAwait(false);
        if (!_stopping)
        {
            var problem = $"{client}: `{_options.Command}` ended (exit {result.ExitCode}) before the observer stopped: {result.StandardError.Trim()}";
            lock (_gate) _problems.Add(problem);
            await log.WriteLineAsync(problem).ConfigureAwait(false);
            ready.TrySetException(new SanChaosException(problem, $"run the command on {client} by hand to see why."));
        }
    }

    private void Record(NeighbourObservation o)
    {
        lock (_gate) _observations.Add(o);
        var e = o.Entry;
        _context!.Run.History.AppendAt(o.Time, NetEventKinds.Neigh, Name,
            $"{o.Client}: {e.Address} {(e.Deleted ? "deleted" : e.Mac is null ? "has no MAC" : $"-> {e.Mac} ({o.Node ?? "unknown"})")} {e.State}",
            new Dictionary<string, string>
            {
                [NetEventKeys.Client] = o.Client,
                [NetEventKeys.Ip] = e.Address.ToString(),
                [NetEventKeys.Mac] = e.Mac ?? "",
                [NetEventKeys.Node] = o.Node ?? "",
                [NetEventKeys.State] = e.State,
                [NetEventKeys.Device] = e.Device ?? "",
                [NetEventKeys.Deleted] = e.Deleted ? "true" : "false",
            });
    }

    /// <summary>Ends the command on every client (closing its stream), then closes the logs. Idempotent.</summary>
    public Task StopAsync(CancellationToken ct)
    {
        lock (_gate) return _stop ??= StopOnceAsync();
    }

    private async Task StopOnceAsync()
    {
        _stopping = true;
        (string Client, IRemoteStream Stream, Task Pump, StreamWriter Log)[] streams;
        lock (_gate) streams = [.. _streams];
        await Task.WhenAll(streams.Select(async s =>
        {
            await s.Stream.DisposeAsync().ConfigureAwait(false);
            await s.Pump.ConfigureAwait(false);
            await s.Log.DisposeAsync().ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
