using System.Diagnostics;
using SanChaos.Cli;
using SanChaos.Inventory.Loading;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>The real <c>sanchaos</c> (its Main in a process of its own), with $SANCHAOS_LAB set for it alone.</summary>
internal static class SanchaosProcess
{
    /// <summary>Runs <c>dotnet sanchaos.dll ARGS</c> with $SANCHAOS_LAB = <paramref name="inventory"/>; returns its exit code and output.</summary>
    /// <param name="inventory">The inventory it reads.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="debug">Set $SANCHAOS_DEBUG=1 (else it is removed).</param>
    /// <param name="args">Its arguments.</param>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string inventory, string workingDirectory, bool debug, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sanchaos.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[InventoryLoader.EnvironmentVariable] = inventory;
        if (debug) start.Environment[CliErrors.DebugVariable] = "1";
        else start.Environment.Remove(CliErrors.DebugVariable);
        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout, await stderr);
    }
}
