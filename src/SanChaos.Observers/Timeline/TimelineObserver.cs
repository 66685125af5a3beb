using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Labs;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Observers.Timeline;

/// <summary>
/// The cluster timeline from the nodes' own interfaces: one long-running command per node (<c>observe_storage</c> on
/// storage nodes, <c>observe_client</c> on clients, lab/sut/commands.yaml) that follows ha-log, the kernel log, the
/// journal and address changes as they happen and samples /proc/drbd, the target and the iSCSI sessions with shell
/// builtins (no fork per sample: forks cost ~36 ms under user-mode Linux). Lines become history events by the
/// <c>timeline:</c> rules, put on the harness's clock by each node's measured clock offset. A node that stops
/// answering (power loss) is recorded as lost, retried every <see cref="TimelineObserverOptions.RetryInterval"/>, and
/// recorded as back (with a fresh clock measurement) when it answers again. Raw lines are kept per node as
/// <c>timeline-&lt;node&gt;.log</c>.
/// </summary>
public sealed class TimelineObserver : IObserver
{
    private readonly TimelineObserverOptions _options;
    private readonly List<string> _artifacts = new();
    private readonly List<Task> _watches = new();
    private readonly Dictionary<string, ClockOffset> _clocks = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stop;
    private ObserverContext? _context;

    /// <summary>Creates the observer; nothing runs before <see cref="StartAsync"/>.</summary>
    public TimelineObserver(TimelineObserverOptions? options = null) => _options = options ?? new TimelineObserverOptions();

    /// <inheritdoc />
    public string Name => "timeline";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts
    {
        get
        {
            lock (_artifacts) return _artifacts.ToArray();
        }
    }

    /// <summary>The latest clock measurement per node.</summary>
    public IReadOnlyDictionary<string, ClockOffset> Clocks
    {
        get
        {
            lock (_clocks) return new Dictionary<string, ClockOffset>(_clocks);
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(ObserverContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        Directory.CreateDirectory(context.ArtifactDirectory);
        if (_stop is not null) throw new InvalidOperationException("The timeline observer is already running.");
        _context = context;
        var catalog = _options.Catalog ?? CommandCatalog.Default;
        var rules = TimelineRules.From(catalog);
        var floating = context.Inventory.FloatingIps.Select(f => f.Address.Address.ToString()).ToArray();
        _stop = new CancellationTokenSource();
        var names = _options.Nodes ?? context.Inventory.Nodes.Select(n => n.Name).ToArray();
        var ready = new List<Task>();
        var haLogs = new List<string>();
        foreach (var name in names)
        {
            if (!context.Nodes.TryGetValue(name, out var node) || node is not IStreamingNode streaming)
            {
                context.Run.History.Append(ObserverEventKinds.Failed, Name,
                    $"{name}: not observed: the lab gives no streaming access to it (its events are missing from the timeline)",
                    new Dictionary<string, string> { ["node"] = name });
                continue;
            }

            var role = context.Inventory.Node(name).Role.ToString().ToLowerInvariant();
            var values = SutValues.For(context.Inventory, name, catalog);
            var command = catalog.Command(role == "client" ? "observe_client" : "observe_storage", values);
            if (role != "client") haLogs.Add(name);
            var echo = catalog.Command("clock_echo", values);
            var file = Path.Combine(context.ArtifactDirectory, $"timeline-{name}.log");
            lock (_artifacts) _artifacts.Add(file);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ready.Add(started.Task);
            var watch = new NodeWatch(this, streaming, command, echo, new TimelineInterpreter(name, rules, floating), file, started);
            _watches.Add(Task.Run(() => watch.RunAsync(_stop.Token), CancellationToken.None));
        }

        context.Run.History.Append(ObserverEventKinds.Started, Name, $"timeline of {string.Join(", ", names)}",
            new Dictionary<string, string>
            {
                ["observer"] = Name, [TimelineEventKeys.Nodes] = string.Join(",", names), [TimelineEventKeys.HaLogNodes] = string.Join(",", haLogs),
            });
        // Returns once every node's stream runs (or was found unreachable): events before the first fault are not lost.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await Task.WhenAll(ready).WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            context.Run.History.Append(ObserverEventKinds.Failed, Name, "not every node's stream started within 60 s; observing the others");
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken ct)
    {
        if (_stop is null || _context is null) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_watches).WaitAsync(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _context.Run.History.Append(ObserverEventKinds.Failed, Name, "a node's stream did not end within 15 s of stop");
        }

        _context.Run.History.Append(ObserverEventKinds.Stopped, Name,
            "timeline stopped; " + string.Join("; ", Clocks.Values.Select(c => c.ToString())));
        _stop.Dispose();
        _stop = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private void Record(DateTimeOffset at, string kind, string message, IReadOnlyDictionary<string, string> data) =>
        _context!.Run.History.AppendAt(at, kind, Name, message, data);

    private void RecordNow(string kind, string message, IReadOnlyDictionary<string, string> data) =>
        _context!.Run.History.Append(kind, Name, message, data);

    private sealed class NodeWatch(TimelineObserver owner, IStreamingNode node, string command, string echo,
        TimelineInterpreter interpreter, string file, TaskCompletionSource started)
    {
        private Dictionary<string, string> NodeData(params (string Key, string Value)[] more)
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal) { ["node"] = node.Name };
            foreach (var (k, v) in more) d[k] = v;
            return d;
        }

        public async Task RunAsync(CancellationToken stop)
        {
            var time = owner._context!.Run.Time;
            await using var raw = new StreamWriter(file, append: false) { AutoFlush = true };
            var lost = false;
            while (!stop.IsCancellationRequested)
            {
                ClockOffset clock;
                try
                {
                    clock = await NodeClock.MeasureAsync(node, echo, time, owner._options.ClockSamples, ct: stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (SanChaosException e)
                {
                    if (!lost)
                    {
                        owner.RecordNow(ObserverEventKinds.StreamLost, $"{node.Name}: not answering: {e.Message}", NodeData(("reason", e.Message)));
                        lost = true;
                    }

                    started.TrySetResult();
                    await PauseAsync(stop).ConfigureAwait(false);
                    continue;
                }

                lock (owner._clocks) owner._clocks[node.Name] = clock;
                owner.RecordNow(ObserverEventKinds.Clock, clock.ToString(), NodeData(
                    ("offset_ms", clock.Offset.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture)),
                    ("rtt_ms", clock.RoundTrip.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture))));
                await raw.WriteLineAsync($"# {time.GetUtcNow():O} {clock}").ConfigureAwait(false);
                await using (var stream = node.Start(command, new Labs.Streaming.RemoteStreamOptions { Time = time }))
                {
                    var first = true;
                    try
                    {
                        await foreach (var line in stream.Lines.ReadAllAsync(stop).ConfigureAwait(false))
                        {
                            if (first)
                            {
                                first = false;
                                if (lost) owner.RecordNow(ObserverEventKinds.StreamBack, $"{node.Name}: answering again", NodeData());
                                lost = false;
                                started.TrySetResult();
                            }

                            await raw.WriteLineAsync(line.Text).ConfigureAwait(false);
                            if (NodeLine.Parse(line.Text) is not { } parsed) continue;
                            foreach (var ev in interpreter.Interpret(parsed))
                                owner.Record(ev.NodeTime - clock.Offset, ev.Kind, $"{node.Name}: {ev.Message}", ev.Data);
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    if (stop.IsCancellationRequested) break;
                    var end = await stream.Completion.ConfigureAwait(false);
                    var why = end.StandardError.Trim();
                    owner.RecordNow(ObserverEventKinds.StreamLost, $"{node.Name}: observation stream ended (exit {end.ExitCode}{(why.Length > 0 ? ": " + why : "")})",
                        NodeData(("exit", end.ExitCode.ToString(CultureInfo.InvariantCulture)), ("stderr", why)));
                    await raw.WriteLineAsync($"# {time.GetUtcNow():O} stream ended, exit {end.ExitCode}: {why}").ConfigureAwait(false);
                    lost = true;
                    interpreter.Reset();
                    started.TrySetResult();
                }

                await PauseAsync(stop).ConfigureAwait(false);
            }

            started.TrySetResult();
        }

        private async Task PauseAsync(CancellationToken stop)
        {
            try
            {
                await Task.Delay(owner._options.RetryInterval, owner._context!.Run.Time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }
}
