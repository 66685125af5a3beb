using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using SanChaos.Core.Commands;
using SanChaos.Labs;
using SanChaos.Labs.Remote;
using SanChaos.Labs.Streaming;

namespace SanChaos.Observers.Tests.IoProbe.Host;

/// <summary>
/// This machine as a node: commands run with bash here, uploads are files here, and a stream is a local process that
/// is sent SIGTERM (by its PID) when disposed, as the SSH stream's wrapper does on the node.
/// </summary>
internal sealed partial class HostNode(string name) : IStreamingNode
{
    public string Name { get; } = name;

    public Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) =>
        HostCommand.RunAsync(["bash", "-c", command], timeout: timeout, ct: ct);

    public async Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default)
    {
        await File.WriteAllTextAsync(path, content, ct);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
    }

    public IRemoteStream Start(string command, RemoteStreamOptions? options = null) => new LocalStream(Name, command);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private sealed class LocalStream : IRemoteStream
    {
        private const int SigTerm = 15;
        private readonly Process _process;
        private readonly Channel<StreamLine> _lines = Channel.CreateUnbounded<StreamLine>();

        public LocalStream(string node, string command)
        {
            Node = node;
            Command = command;
            var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(command);
            _process = Process.Start(psi)!;
            _process.StandardInput.Close();
            var stderr = _process.StandardError.ReadToEndAsync();
            Completion = PumpAsync(stderr);
        }

        public string Node { get; }

        public string Command { get; }

        public ChannelReader<StreamLine> Lines => _lines.Reader;

        public Task<CommandResult> Completion { get; }

        public Task WriteLineAsync(string line, CancellationToken ct = default) => throw new InvalidOperationException("not interactive");

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) Kill(_process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }

            await Completion;
            _process.Dispose();
        }

        private async Task<CommandResult> PumpAsync(Task<string> stderr)
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
                _lines.Writer.TryWrite(new StreamLine(TimeProvider.System.GetTimestamp(), line));
            _lines.Writer.TryComplete();
            await _process.WaitForExitAsync();
            return new CommandResult(_process.ExitCode, "", await stderr);
        }
    }
}
