using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Channels;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Labs.Streaming;

namespace SanChaos.Labs.Remote;

/// <summary>
/// One long-lived <c>ssh</c> process (multiplexed over the node's control master when it runs) whose output is read
/// line by line. Disposing closes its input: the remote wrapper then kills the command's process group, so nothing is
/// left on the node; the local ssh process is killed by PID if it lingers. With <see cref="RemoteStreamOptions.Binary"/>
/// standard output is read as bytes into <see cref="Output"/> instead of lines.
/// </summary>
internal sealed class SshRemoteStream : IRemoteStream
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(3);

    private readonly Process _process;
    private readonly Channel<StreamLine> _lines = Channel.CreateUnbounded<StreamLine>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Channel<ReadOnlyMemory<byte>>? _chunks;
    private readonly OutputCollector _stderr;
    private readonly TimeProvider _time;
    private readonly bool _interactive;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _disposed;

    public SshRemoteStream(string node, string command, IReadOnlyList<string> argv, RemoteStreamOptions options)
    {
        Node = node;
        Command = command;
        _time = options.Time ?? TimeProvider.System;
        _interactive = options.Interactive;
        _process = new Process { StartInfo = ProcessRunner.StartInfo(argv) };
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            _process.Dispose();
            throw new SanChaosException($"Cannot start the SSH client for a stream on node {node}: `{argv[0]}`: {e.Message}",
                "Install the OpenSSH client on the harness machine (apt-get install openssh-client).");
        }

        _stderr = new OutputCollector(_process.StandardError);
        Task pump;
        if (options.Binary)
        {
            _chunks = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
            Output = new ChunkReadStream(_chunks.Reader);
            _lines.Writer.TryComplete();
            pump = PumpBytesAsync(_process.StandardOutput.BaseStream, _chunks.Writer);
        }
        else
        {
            pump = PumpAsync(_process.StandardOutput);
        }

        Completion = CompleteAsync(pump);
    }

    public string Node { get; }

    public string Command { get; }

    public ChannelReader<StreamLine> Lines => _lines.Reader;

    public Stream? Output { get; }

    public Task<CommandResult> Completion { get; }

    /// <summary>
    /// The remote script: with job control on, the command runs as its own process group in the background and a
    /// watcher kills that group when standard input reaches its end (the harness closed it, or the connection broke).
    /// </summary>
    internal static string Wrap(string command, bool interactive) =>
        interactive
            ? "exec bash -c " + SshNode.ShellQuote(command)
            : "exec bash -c " + SshNode.ShellQuote(
                "set -m; ( " + command + "\n) </dev/null & p=$!; { while read -r _; do :; done; kill -TERM -- -$p 2>/dev/null; } & w=$!; " +
                "wait $p; r=$?; kill $w 2>/dev/null; exit $r");

    public async Task WriteLineAsync(string line, CancellationToken ct = default)
    {
        if (!_interactive) throw new InvalidOperationException($"The stream `{Command}` on {Node} was not started as interactive.");
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteAsync((line + "\n").AsMemory(), ct).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        using var grace = new CancellationTokenSource(ExitGrace, _time);
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessRunner.Kill(_process);
        }

        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // Nothing more to report from a stream being closed.
        }

        _process.Dispose();
        _writeGate.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                _lines.Writer.TryWrite(new StreamLine(_time.GetTimestamp(), line));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us.
        }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }

    /// <summary>Binary output: copies the pipe into chunks until its end, so nothing read is lost when the process is disposed.</summary>
    private static async Task PumpBytesAsync(Stream stdout, ChannelWriter<ReadOnlyMemory<byte>> chunks)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await stdout.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                chunks.TryWrite(buffer.AsSpan(0, n).ToArray());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us.
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    private async Task<CommandResult> CompleteAsync(Task pump)
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAny(pump, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        await _stderr.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        _lines.Writer.TryComplete();
        _chunks?.Writer.TryComplete();
        int exit;
        try
        {
            exit = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            exit = -1;
        }

        return new CommandResult(exit, "", _stderr.Text);
    }
}
