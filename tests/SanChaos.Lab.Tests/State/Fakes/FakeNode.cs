using System.Collections.Concurrent;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Labs;

namespace SanChaos.Lab.Tests.State.Fakes;

/// <summary>An INode that answers commands from a dictionary (exact command text) or from handlers.</summary>
internal sealed class FakeNode(string name) : INode
{
    public string Name { get; } = name;

    public ConcurrentDictionary<string, CommandResult> Answers { get; } = new(StringComparer.Ordinal);

    public List<Func<string, CommandResult?>> Handlers { get; } = [];

    public ConcurrentQueue<string> Executed { get; } = new();

    public ConcurrentDictionary<string, (string Content, string Mode)> Uploads { get; } = new(StringComparer.Ordinal);

    public bool Unreachable { get; set; }

    /// <summary>Commands that never return, like a remote command that hangs, until their token is cancelled.</summary>
    public ConcurrentDictionary<string, bool> Hangs { get; } = new(StringComparer.Ordinal);

    public Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (Unreachable) throw new SanChaosException($"ssh to {Name}: connection timed out", "power the node on");
        Executed.Enqueue(command);
        if (Hangs.ContainsKey(command)) return HangAsync(ct);
        foreach (var h in Handlers)
            if (h(command) is { } r) return Task.FromResult(r);
        return Task.FromResult(Answers.TryGetValue(command, out var a) ? a : new CommandResult(127, "", $"fake {Name}: no answer for `{command}`"));
    }

    private static async Task<CommandResult> HangAsync(CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable");
    }

    public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default)
    {
        if (Unreachable) throw new SanChaosException($"ssh to {Name}: connection timed out", "power the node on");
        Uploads[path] = (content, mode);
        return Task.CompletedTask;
    }

    public static CommandResult Ok(string stdout = "") => new(0, stdout, "");

    public static CommandResult Fail(int exit, string stderr = "") => new(exit, "", stderr);
}
