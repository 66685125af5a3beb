using System.Diagnostics;
using System.Threading.Channels;
using SanChaos.Core.Commands;
using SanChaos.Labs;
using SanChaos.Labs.Streaming;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>
/// A node that runs its streams on this machine, inside a test namespace (<c>ip netns exec NS bash -c COMMAND</c>):
/// stands for a client or a capture host reached over SSH. Lines or binary output as <see cref="RemoteStreamOptions"/>
/// asks; disposing a stream sends SIGTERM to the process it started (by PID), as the SSH wrapper does on the node.
/// </summary>
internal sealed class FakeStreamingNode(string name, string? netns = null) : IStreamingNode
{
    public string Name => name;

    public List<string> Started { get; } = [];

    public Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) =>
        throw new NotSupportedException("the capture tests only stream");

    public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) =>
        throw new NotSupportedException("the capture tests only stream");

    public IRemoteStream Start(string command, RemoteStreamOptions? options = null)
    {
        Started.Add(command);
        return new LocalStream(name, command, netns, options ?? new RemoteStreamOptions());
    }

    private sealed class LocalStream : IRemoteStream
    {
        private readonly Process _process;
        private readonly Channel<StreamLine> _lines = Channel.CreateUnbounded<StreamLine>();
        private readonly Task<string> _stderr;
        private readonly Task _pump;
        private int _disposed;

        public LocalStream(string node, string command, string? netns, RemoteStreamOptions options)
        {
            Node = node;
            Command = command;
            var psi = new ProcessStartInfo(netns is null ? "setsid" : "ip")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            };
            // setsid: the command leads its own process group, so SIGTERM reaches everything it started (ip monitor &...).
            foreach (var a in (netns is null ? new[] { "bash", "-c" } : ["netns", "exec", netns, "setsid", "bash", "-c"]).Append(command))
                psi.ArgumentList.Add(a);
            _process = Process.Start(psi)!;
            _stderr = _process.StandardError.ReadToEndAsync();
            var time = options.Time ?? TimeProvider.System;
            if (options.Binary)
            {
                Output = _process.StandardOutput.BaseStream;
                _lines.Writer.TryComplete();
                _pump = Task.CompletedTask;
            }
            else
            {
                _pump = Task.Run(async () =>
                {
                    while (await _process.StandardOutput.ReadLineAsync() is { } line) _lines.Writer.TryWrite(new StreamLine(time.GetTimestamp(), line));
                    _lines.Writer.TryComplete();
                });
            }

            Completion = CompleteAsync();
        }

        public string Node { get; }

        public string Command { get; }

        public ChannelReader<StreamLine> Lines => _lines.Reader;

        public Stream? Output { get; }

        public Task<CommandResult> Completion { get; }

        public Task WriteLineAsync(string line, CancellationToken ct = default) => throw new NotSupportedException();

        private async Task<CommandResult> CompleteAsync()
        {
            await _process.WaitForExitAsync();
            await _pump;
            return new CommandResult(_process.ExitCode, "", await _stderr);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            // Our own child: the group it leads (setsid) gets SIGTERM, by its PID.
            if (!_process.HasExited) _ = Kill(-_process.Id, 15);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }

            await Completion;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
        private static extern int Kill(int pid, int sig);
    }
}
