using System.Globalization;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Labs;
using SanChaos.Labs.Streaming;

namespace SanChaos.Observers.IoProbe;

/// <summary>
/// What an application on the client sees of the SAN during a drill: <c>sanchaos-ioprobe</c> writes 4 KiB blocks
/// through the multipath device (O_DIRECT, O_DSYNC, queue depth 1, a 5 ms pause between writes: at most 200 writes/s,
/// 800 KiB/s; see <see cref="IoProbeOptions"/>) and reports every write's submit and completion time and result.
/// <para>
/// Start: compiles the probe on the harness (<see cref="IoProbeCompiler"/>), installs it on the node when its SHA-256
/// differs, starts it as a stream (<see cref="IStreamingNode"/>) and returns once its first write returned.
/// The raw output goes to <c>io-probe.log</c> as it comes.
/// </para>
/// <para>
/// While it runs, the probe reads back a sample of earlier acknowledged writes, and every acknowledged write before its
/// slot is written again (its <c>R</c> lines). Stop: ends the probe (SIGTERM; it prints its summary), reads back the
/// slots it wrote (<c>verify</c>, into <c>io-verify.log</c>) and records into the run's history
/// (<see cref="IoEventKinds"/>): one <c>io.second</c> per
/// second, one <c>io.errors</c> per run of failed writes, the longest <c>io.stall</c>, the <c>io.summary</c> (with
/// throughput before, during and after the faults: from the first fault's physical moment (<see cref="PhysicalMoment"/>) to the last
/// <c>fault.healed</c>) and the <c>io.readback</c>: every acknowledged write that did not read back (during the run or
/// after it), by sequence number and time, and those replaced before any read of their slot succeeded. Node times are moved onto the harness's clock with
/// <see cref="IoProbeOptions.NodeClockOffset"/>. <c>io-report.txt</c> has it all as text.
/// </para>
/// </summary>
public sealed class IoProbeObserver : IObserver
{
    /// <summary>The raw output of the writer.</summary>
    public const string LogFile = "io-probe.log";

    /// <summary>The raw output of the read-back.</summary>
    public const string VerifyFile = "io-verify.log";

    /// <summary>The text report.</summary>
    public const string ReportFile = "io-report.txt";

    private static readonly TimeSpan PumpGrace = TimeSpan.FromSeconds(15);

    private readonly IoProbeOptions _options;
    private readonly object _gate = new();
    private readonly IoProbeLog _log = new();
    private readonly List<string> _artifacts = new();
    private readonly TaskCompletionSource _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ObserverContext? _context;
    private INode? _node;
    private IRemoteStream? _stream;
    private Task<CommandResult>? _probeExit;
    private StreamWriter? _raw;
    private Task? _pump;
    private string _device = "";
    private int _state; // 0 new, 1 running, 2 stopped

    /// <summary>Creates the observer.</summary>
    /// <param name="options">Node, device, region, load, clock offsets; default <see cref="IoProbeOptions"/>'s defaults.</param>
    public IoProbeObserver(IoProbeOptions? options = null) => _options = options ?? new IoProbeOptions();

    /// <inheritdoc />
    public string Name => "io-probe";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts
    {
        get { lock (_gate) return _artifacts.ToArray(); }
    }

    /// <summary>The run id written into the blocks (known once started).</summary>
    public string? ProbeRunId { get; private set; }

    /// <summary>The analysis recorded at stop (null before).</summary>
    public IoProbeAnalysis? Analysis { get; private set; }

    /// <summary>The read-back recorded at stop (null before, or when it could not be done: see <see cref="ReadbackFailure"/>).</summary>
    public IoReadback? Readback { get; private set; }

    /// <summary>Why the read-back could not be done, or null.</summary>
    public string? ReadbackFailure { get; private set; }

    /// <summary>
    /// The analysis of the writes so far (for a step that waits for I/O to flow again). Uses the node's clock offset
    /// as <see cref="IoProbeOptions.NodeClockOffset"/> gives it now.
    /// </summary>
    public IoProbeAnalysis Snapshot() => Analyze(_context?.Run.Time.GetUtcNow());

    /// <inheritdoc />
    public async Task StartAsync(ObserverContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        Directory.CreateDirectory(context.ArtifactDirectory);
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("An IoProbeObserver starts once.");
        _context = context;
        var nodeName = NodeName(context);
        _node = context.Nodes.TryGetValue(nodeName, out var n)
            ? n
            : throw new SanChaosException($"The I/O probe's node {nodeName} is not among the lab's nodes ({string.Join(", ", context.Nodes.Keys)}).",
                "set IoProbeOptions.Node to the client node's inventory name.");
        var streaming = _node as IStreamingNode
            ?? throw new SanChaosException($"Node {nodeName} cannot run a command as a stream, which the I/O probe needs.",
                "reach the client over SSH (SshNode implements IStreamingNode).");
        _device = _options.Device ?? $"/dev/mapper/{context.Inventory.Sut.Multipath.Alias}";
        ProbeRunId = _options.ProbeRunId ?? DefaultRunId(context.Run.RunId);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.StartTimeout);
        try
        {
            var binary = await IoProbeCompiler.BuildAsync(_options.CacheDirectory, deadline.Token).ConfigureAwait(false);
            var installed = await InstallAsync(_node, binary, deadline.Token).ConfigureAwait(false);
            var logPath = Path.Combine(context.ArtifactDirectory, LogFile);
            _raw = new StreamWriter(logPath) { AutoFlush = true };
            lock (_gate) _artifacts.Add(logPath);
            _stream = streaming.Start(IoProbeCommands.Write(_options, _device, ProbeRunId));
            _probeExit = _stream.Completion;
            _pump = PumpAsync(_stream, _raw);
            await _firstWrite.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
            context.Run.History.Append(IoEventKinds.Started, Name,
                $"I/O probe writing {_options.BlockSize} B blocks to {_device} on {nodeName} " +
                $"(region {_options.Offset}+{SizeText()}, run {ProbeRunId}, pause {_options.Pause.TotalMilliseconds} ms, " +
                $"a read-back sample every {_options.SampleEvery} writes, every slot read back before it is written again)",
                new Dictionary<string, string>(About()) { ["installed"] = installed ? "true" : "false", ["binary_sha256"] = binary.Sha256 });
        }
        catch (Exception e)
        {
            await CloseStreamAsync().ConfigureAwait(false);
            Volatile.Write(ref _state, 2);
            if (e is OperationCanceledException && !ct.IsCancellationRequested)
                throw new SanChaosException($"The I/O probe on {nodeName} did not start within {_options.StartTimeout.TotalSeconds:0} s.",
                    $"check that {_device} exists and is writable on {nodeName} (`multipath -ll`), or raise IoProbeOptions.StartTimeout.", e);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken ct)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1) return;
        var context = _context!;
        var until = context.Run.Time.GetUtcNow();
        await CloseStreamAsync().ConfigureAwait(false);

        var analysis = Analyze(until);
        var phases = FaultWindow(context.Run.History, analysis) is { } w ? analysis.Around(w.From, w.To) : null;
        var about = About();
        RecordRun(context, analysis, phases, about);
        Analysis = analysis;

        await ReadBackAsync(context, analysis, ct).ConfigureAwait(false);
        var reportPath = Path.Combine(context.ArtifactDirectory, ReportFile);
        await File.WriteAllTextAsync(reportPath, IoProbeRecorder.Report(analysis, phases, Readback, ReadbackFailure, about), ct).ConfigureAwait(false);
        lock (_gate) _artifacts.Add(reportPath);
    }

    /// <summary>Ends the probe without reading back (when <see cref="StopAsync"/> was not called).</summary>
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _state, 2);
        await CloseStreamAsync().ConfigureAwait(false);
    }

    private void RecordRun(ObserverContext context, IoProbeAnalysis analysis, IoPhases? phases, IReadOnlyDictionary<string, string> about)
    {
        var data = new Dictionary<string, string>(about);
        lock (_gate)
        {
            if (_log.Summary?.GetValueOrDefault("end") is { } end) data["probe_end"] = end;
            if (_log.Unparsed.Count > 0) data["unparsed_lines"] = _log.Unparsed.Count.ToString(CultureInfo.InvariantCulture);
        }

        if (_probeExit is { IsCompletedSuccessfully: true } done) data["probe_exit"] = done.Result.ExitCode.ToString(CultureInfo.InvariantCulture);
        IoProbeRecorder.RecordRun(context.Run.History, Name, analysis, phases, data);
    }

    private IoProbeAnalysis Analyze(DateTimeOffset? until)
    {
        IoWrite[] writes;
        int block;
        lock (_gate)
        {
            writes = _log.Writes.ToArray();
            block = _log.BlockSize;
        }

        return IoProbeAnalysis.Analyze(writes, block, ClockOffset(), until);
    }

    private async Task ReadBackAsync(ObserverContext context, IoProbeAnalysis analysis, CancellationToken ct)
    {
        // The slots written (and the one in flight when the log ended), from the region the writer reported.
        long offset, slots;
        IoRead[] reads;
        lock (_gate)
        {
            offset = _log.HeaderInt("offset") ?? _options.Offset;
            slots = _log.HeaderInt("slots") ?? (_options.Size ?? 0) / _options.BlockSize;
            reads = _log.Reads.ToArray();
        }

        var used = Math.Min(slots, analysis.Writes.Count == 0 ? 0 : analysis.Writes[^1].Seq + 1);
        if (used == 0)
        {
            ReadbackFailure = $"the write log of {_node!.Name} has no write or no region (see {LogFile})";
            IoProbeRecorder.RecordReadbackFailure(context.Run.History, Name, ReadbackFailure);
            return;
        }

        var command = IoProbeCommands.Verify(_options, _device, ProbeRunId!, offset, used * _options.BlockSize);
        CommandResult r;
        try
        {
            r = await _node!.ExecAsync(command, _options.VerifyTimeout, ct).ConfigureAwait(false);
        }
        catch (SanChaosException e)
        {
            Fail($"`{command}` on {_node!.Name}: {e.Problem}");
            return;
        }

        var path = Path.Combine(context.ArtifactDirectory, VerifyFile);
        var output = r.StandardOutput.Length == 0 || r.StandardOutput.EndsWith('\n') ? r.StandardOutput : r.StandardOutput + "\n";
        await File.WriteAllTextAsync(path, output + Trailer(r), ct).ConfigureAwait(false);
        lock (_gate) _artifacts.Add(path);
        var verify = IoProbeLog.Parse(r.StandardOutput);
        if (!r.Succeeded || verify.Slots.Count != used)
        {
            Fail($"`{command}` on {_node!.Name} exited {r.ExitCode} after {verify.Slots.Count} of {used} slots: " +
                 (r.StandardError.Trim() is { Length: > 0 } err ? err : "no error output") + $" (see {VerifyFile})");
            return;
        }

        Readback = IoReadback.Classify(analysis.Writes, reads, verify.Slots, analysis.NodeClockOffset);
        IoProbeRecorder.RecordReadback(context.Run.History, Name, Readback);

        void Fail(string reason)
        {
            ReadbackFailure = reason;
            IoProbeRecorder.RecordReadbackFailure(context.Run.History, Name, reason);
        }
    }

    private async Task PumpAsync(IRemoteStream stream, StreamWriter raw)
    {
        try
        {
            await foreach (var line in stream.Lines.ReadAllAsync().ConfigureAwait(false))
            {
                await raw.WriteLineAsync(line.Text).ConfigureAwait(false);
                lock (_gate) _log.Add(line.Text);
                if (line.Text.StartsWith("W ", StringComparison.Ordinal)) _firstWrite.TrySetResult();
            }

            var r = await stream.Completion.ConfigureAwait(false);
            await raw.WriteAsync(Trailer(r)).ConfigureAwait(false);
            _firstWrite.TrySetException(new SanChaosException(
                $"The I/O probe on {stream.Node} ended before its first write (exit {r.ExitCode}): {r.StandardError.Trim()}",
                $"run `{stream.Command}` on {stream.Node} by hand; exit 2 means it refused the device or region."));
        }
        catch (Exception e)
        {
            _firstWrite.TrySetException(e);
            throw;
        }
    }

    /// <summary>Ends the probe (closing the stream sends it SIGTERM), waits for the rest of its output, closes the log.</summary>
    private async Task CloseStreamAsync()
    {
        if (Interlocked.Exchange(ref _stream, null) is { } stream) await stream.DisposeAsync().ConfigureAwait(false);

        if (_pump is { } pump)
        {
            await Task.WhenAny(pump, Task.Delay(PumpGrace)).ConfigureAwait(false);
            _ = pump.Exception; // observed: a broken pump leaves a short log, which the analysis shows
        }

        // A pump still running (a stream that does not end) keeps its writer; it is closed with the process.
        if (_pump is null or { IsCompleted: true } && Interlocked.Exchange(ref _raw, null) is { } raw) await raw.DisposeAsync().ConfigureAwait(false);
    }

    private static string Trailer(CommandResult r) =>
        $"# exit {r.ExitCode}\n" + string.Concat(r.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"# stderr: {l}\n"));

    private Dictionary<string, string> About() => new()
    {
        ["node"] = _node?.Name ?? "", ["device"] = _device, ["offset"] = _options.Offset.ToString(CultureInfo.InvariantCulture),
        ["size"] = SizeText(), ["block"] = _options.BlockSize.ToString(CultureInfo.InvariantCulture),
        ["pause_ms"] = _options.Pause.TotalMilliseconds.ToString(CultureInfo.InvariantCulture), ["dsync"] = _options.SyncWrites ? "true" : "false",
        ["run"] = ProbeRunId ?? "",
    };

    /// <summary>The region's size as the writer reported it, else as configured (<c>end</c>: to the end of the device).</summary>
    private string SizeText()
    {
        lock (_gate) return (_log.HeaderInt("size") ?? _options.Size)?.ToString(CultureInfo.InvariantCulture) ?? "end";
    }

    private string NodeName(ObserverContext context) =>
        _options.Node ?? (context.Inventory.Clients.Count > 0
            ? context.Inventory.Clients[0].Name
            : throw new SanChaosException($"The lab {context.Inventory.Name} has no client node for the I/O probe.",
                "add a node with role: client to the inventory, or set IoProbeOptions.Node."));

    private TimeSpan ClockOffset() => _node is not null && _options.NodeClockOffset is { } f ? f(_node.Name) : TimeSpan.Zero;

    private static string DefaultRunId(string runId)
    {
        var clean = new string(runId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').ToArray());
        return $"{(clean.Length > 11 ? clean[..11] : clean)}-{Guid.NewGuid().ToString("N")[..4]}".TrimStart('-');
    }

    /// <summary>From the first fault injected to the last healed while the probe ran, or null when there was none.</summary>
    private static (DateTimeOffset From, DateTimeOffset To)? FaultWindow(RunHistory history, IoProbeAnalysis a)
    {
        var events = history.Events.Where(e => e.Wall >= a.Start && e.Wall <= a.End).ToArray();
        var injected = events.Where(e => e.Kind == EventKinds.FaultInjected).Select(PhysicalMoment.Of).DefaultIfEmpty().Min();
        var healed = events.Where(e => e.Kind == EventKinds.FaultHealed).Select(e => e.Wall).DefaultIfEmpty().Max();
        if (injected == default) return null;
        return (injected, healed > injected ? healed : a.End);
    }

    private async Task<bool> InstallAsync(INode node, IoProbeBinary binary, CancellationToken ct)
    {
        var path = _options.RemotePath;
        var have = await node.ExecAsync(IoProbeCommands.Sha256(path), ct: ct).ConfigureAwait(false);
        if (have.StandardOutput.StartsWith(binary.Sha256, StringComparison.Ordinal)) return false;
        var bytes = await File.ReadAllBytesAsync(binary.Path, ct).ConfigureAwait(false);
        // Line breaks as base64 -d takes them: \n (InsertLineBreaks writes \r\n, which GNU base64 calls invalid input).
        await node.UploadAsync(IoProbeCommands.Upload(path), Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", "0600", ct)
            .ConfigureAwait(false);
        var install = IoProbeCommands.Install(path);
        var r = await node.ExecAsync(install, ct: ct).ConfigureAwait(false);
        if (!r.Succeeded || !r.StandardOutput.StartsWith(binary.Sha256, StringComparison.Ordinal))
            throw new CommandFailedException(node.Name, install, r,
                $"check on {node.Name} that {Path.GetDirectoryName(path)} exists, is writable and has ~1 MB free (`df -h`).");
        return true;
    }
}
