using System.Diagnostics;
using SanChaos.Core.Commands;
using SanChaos.Labs;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>A "node" that runs commands with /bin/sh on this machine: checks the real shell of the node commands.</summary>
public sealed class LocalShellNode(string name) : INode
{
    public string Name { get; } = name;

    public async Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        return new CommandResult(p.ExitCode, await stdout, await stderr);
    }

    public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) => Task.CompletedTask;
}
