using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using SanChaos.Core.Commands;

namespace SanChaos.Labs.Remote;

/// <summary>
/// Runs a local process with an argument vector (no shell), feeds its standard input, reads stdout and stderr
/// concurrently (no pipe deadlock on large output), and kills it by PID at its deadline or on cancellation.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>How long to keep reading output after the process exited (grandchildren may hold the pipes).</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The same after a kill. Short, because the other holders of the pipes outlive the kill: an ssh client
    /// multiplexed over a control master has handed its stdout and stderr to the master, which keeps them open
    /// until the remote command ends.
    /// </summary>
    private static readonly TimeSpan KilledOutputGrace = TimeSpan.FromMilliseconds(100);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs <paramref name="argv"/> to completion.</summary>
    /// <param name="argv">Executable (looked up in PATH) and its arguments.</param>
    /// <param name="standardInput">Bytes written to its stdin, which is then closed; null closes stdin at once.</param>
    /// <param name="timeout">Deadline; the process (and its descendants) is killed when it passes.</param>
    /// <param name="time">Clock for the deadline.</param>
    /// <param name="ct">Cancellation: kills the process, then throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="workingDirectory">Its working directory; null: the harness's.</param>
    /// <param name="environment">Variables set (or, with a null value, removed) on top of the harness's environment; null: none.</param>
    public static async Task<ProcessOutcome> RunAsync(IReadOnlyList<string> argv, byte[]? standardInput,
        TimeSpan timeout, TimeProvider time, CancellationToken ct,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (argv.Count == 0) throw new ArgumentException("An empty command line cannot be run.", nameof(argv));
        ct.ThrowIfCancellationRequested();
        using var process = new Process { StartInfo = StartInfo(argv, workingDirectory, environment) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new ProcessOutcome(new CommandResult(-1, "", $"cannot start `{argv[0]}`: {e.Message}"), false, e.Message);
        }

        var stdout = new OutputCollector(process.StandardOutput);
        var stderr = new OutputCollector(process.StandardError);
        var stdin = FeedAsync(process, standardInput);

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var killed = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            killed = true;
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await stdin.ConfigureAwait(false);
        var grace = killed ? KilledOutputGrace : OutputGrace;
        await Task.WhenAll(stdout.WaitAsync(grace), stderr.WaitAsync(grace)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        var exit = killed ? -1 : process.ExitCode;
        return new ProcessOutcome(new CommandResult(exit, stdout.Text, stderr.Text), killed, null);
    }

    /// <summary>The start info used for every child: argument vector, all three streams redirected, UTF-8.</summary>
    /// <param name="argv">Executable and arguments.</param>
    /// <param name="workingDirectory">Its working directory; null: the harness's.</param>
    /// <param name="environment">Variables set (a null value removes one) on top of the harness's environment; null: none.</param>
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> argv, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            StandardInputEncoding = Utf8,
        };
        for (var i = 1; i < argv.Count; i++) psi.ArgumentList.Add(argv[i]);
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) psi.Environment.Remove(name);
            else psi.Environment[name] = value;
        }

        return psi;
    }

    /// <summary>Kills the process and its descendants (all started by us); ignores a process that already exited.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exited between the check and the signal.
        }
    }

    /// <summary>Shell-like rendering of an argument vector for messages.</summary>
    public static string Format(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task FeedAsync(Process process, byte[]? input)
    {
        var stream = process.StandardInput.BaseStream;
        try
        {
            if (input is { Length: > 0 })
            {
                await stream.WriteAsync(input).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The process stopped reading (exited or failed early): its exit code tells the story.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Broken pipe on the final flush: same as above.
            }
        }
    }
}
