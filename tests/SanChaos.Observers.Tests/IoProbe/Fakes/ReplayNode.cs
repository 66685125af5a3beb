using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using SanChaos.Core.Commands;
using SanChaos.Labs;
using SanChaos.Labs.Streaming;

namespace SanChaos.Observers.Tests.IoProbe.Fakes;

/// <summary>
/// A client node that plays recorded probe output: the stream gives the writer's lines up to its summary at once and
/// the summary when it is closed (as SIGTERM does); <c>verify</c> answers <see cref="VerifyOutput"/>. Installing
/// decodes the uploaded base64 and remembers its SHA-256, as <c>sha256sum</c> on a node would.
/// </summary>
internal sealed class ReplayNode(string name, string writeOutput, string verifyOutput) : IStreamingNode
{
    private string? _installedSha;

    public string Name { get; } = name;

    public string VerifyOutput { get; set; } = verifyOutput;

    public ConcurrentQueue<string> Executed { get; } = new();

    public ConcurrentDictionary<string, string> Uploads { get; } = new(StringComparer.Ordinal);

    public List<string> Started { get; } = [];

    /// <summary>When set, the probe exits 2 at once with this on standard error (it refused the device).</summary>
    public string? RefuseWith { get; set; }

    public Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        Executed.Enqueue(command);
        if (command.StartsWith("sha256sum ", StringComparison.Ordinal))
            return Ok(_installedSha is null ? "" : $"{_installedSha}  /usr/local/sbin/sanchaos-ioprobe\n");
        if (command.Contains("base64 -d", StringComparison.Ordinal))
        {
            var upload = Uploads.Single(u => u.Key.EndsWith(".b64", StringComparison.Ordinal)).Value;
            _installedSha = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(upload)));
            return Ok($"{_installedSha}  /usr/local/sbin/sanchaos-ioprobe\n");
        }

        if (command.Contains(" verify ", StringComparison.Ordinal)) return Ok(VerifyOutput);
        return Task.FromResult(new CommandResult(127, "", $"fake {Name}: no answer for `{command}`"));
    }

    public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default)
    {
        Uploads[path] = content;
        return Task.CompletedTask;
    }

    public IRemoteStream Start(string command, RemoteStreamOptions? options = null)
    {
        Started.Add(command);
        if (RefuseWith is not null)
        {
            var refused = new ReplayStream(Name, command, [], []);
            refused.End(new CommandResult(2, "", RefuseWith));
            return refused;
        }

        var lines = writeOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new ReplayStream(Name, command, lines.Where(l => !l.StartsWith("S ", StringComparison.Ordinal)),
            lines.Where(l => l.StartsWith("S ", StringComparison.Ordinal)));
    }

    private static Task<CommandResult> Ok(string stdout) => Task.FromResult(new CommandResult(0, stdout, ""));

    private sealed class ReplayStream : IRemoteStream
    {
        private readonly Channel<StreamLine> _lines = Channel.CreateUnbounded<StreamLine>();
        private readonly string[] _atEnd;
        private readonly TaskCompletionSource<CommandResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ReplayStream(string node, string command, IEnumerable<string> lines, IEnumerable<string> atEnd)
        {
            Node = node;
            Command = command;
            _atEnd = atEnd.ToArray();
            foreach (var l in lines) _lines.Writer.TryWrite(new StreamLine(TimeProvider.System.GetTimestamp(), l));
        }

        public string Node { get; }

        public string Command { get; }

        public ChannelReader<StreamLine> Lines => _lines.Reader;

        public Task<CommandResult> Completion => _done.Task;

        public Task WriteLineAsync(string line, CancellationToken ct = default) => throw new InvalidOperationException("not interactive");

        public ValueTask DisposeAsync()
        {
            End(new CommandResult(0, "", ""));
            return ValueTask.CompletedTask;
        }

        public void End(CommandResult result)
        {
            foreach (var l in _atEnd) _lines.Writer.TryWrite(new StreamLine(TimeProvider.System.GetTimestamp(), l));
            _lines.Writer.TryComplete();
            _done.TrySetResult(result);
        }
    }
}
