using System.CommandLine;
using SanChaos.Core.Errors;
using SanChaos.Core.Secrets;
using YamlDotNet.Core;

namespace SanChaos.Cli;

/// <summary>
/// How every command ends on an error: <c>error: what failed</c> and a line saying what to do, then a non-zero
/// exit; never a stack trace unless <see cref="DebugVariable"/> is 1, and never a registered secret (every line is
/// redacted, <see cref="Redactor"/>). Every command's action goes through <see cref="SetGuardedAction"/>.
/// </summary>
public static class CliErrors
{
    /// <summary>Set to 1 to print the full exception (with its stack trace) after the error line.</summary>
    public const string DebugVariable = "SANCHAOS_DEBUG";

    /// <summary>The exit code of a run cancelled with Ctrl-C (128 + SIGINT, as the shell reports it).</summary>
    public const int CancelledExit = 130;

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="action"/> with its errors reported by <see cref="RunAsync"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="action">Does the work; returns the exit code.</param>
    /// <param name="errorExit">The exit code of an error (1 unless the command documents another).</param>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action, int errorExit = 1) =>
        command.SetAction((parse, ct) => RunAsync(parse.InvocationConfiguration.Error, () => action(parse, ct), errorExit, ct));

    /// <summary>Runs <paramref name="action"/>; on an exception writes it to <paramref name="error"/> with <see cref="Report"/>.</summary>
    /// <param name="error">Where the error lines go (standard error).</param>
    /// <param name="action">Does the work; returns the exit code.</param>
    /// <param name="errorExit">The exit code of an error.</param>
    /// <param name="ct">The command's token: an <see cref="OperationCanceledException"/> once it is cancelled means Ctrl-C.</param>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> action, int errorExit = 1, CancellationToken ct = default)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e, error, errorExit, ct);
        }
    }

    /// <summary>Writes <paramref name="exception"/> as error lines (the full exception too when <see cref="DebugVariable"/> is 1); returns the exit code.</summary>
    /// <param name="exception">What failed.</param>
    /// <param name="error">Where the lines go.</param>
    /// <param name="errorExit">The exit code of an error.</param>
    /// <param name="ct">The command's token.</param>
    /// <returns><see cref="CancelledExit"/> for a cancelled run, else <paramref name="errorExit"/>.</returns>
    public static int Report(Exception exception, TextWriter error, int errorExit = 1, CancellationToken ct = default)
    {
        var cancelled = exception is OperationCanceledException && ct.IsCancellationRequested;
        foreach (var line in cancelled ? ["cancelled"] : Lines(exception)) error.WriteLine(line);
        if (Environment.GetEnvironmentVariable(DebugVariable) == "1") error.WriteLine(Redactor.Redact(exception.ToString()));
        return cancelled ? CancelledExit : errorExit;
    }

    /// <summary>The lines that report <paramref name="exception"/>: <c>error: ...</c>, then <c>What to do: ...</c> when there is a fix (redacted).</summary>
    public static IEnumerable<string> Lines(Exception exception) => exception switch
    {
        AggregateException a => a.Flatten().InnerExceptions.SelectMany(Lines),
        SanChaosException e => Error(e.Problem, e.Remedy),
        UnauthorizedAccessException e => Error(e.Message, "run it as root (`sudo sanchaos ...`), or give this user access to that path."),
        FileNotFoundException or DirectoryNotFoundException => Error(exception.Message, "check the path (and $SANCHAOS_LAB when it names the inventory)."),
        IOException e => Error(e.Message, "check the path, its permissions and the free space, then try again."),
        YamlException e => Error($"YAML error at line {e.Start.Line}, column {e.Start.Column}: {e.Message.Split("): ", 2)[^1]}", "correct the YAML there."),
        _ => Error($"{exception.GetType().Name}: {exception.Message}",
            $"this is unexpected: run again with {DebugVariable}=1 for the details and report them with the command you ran."),
    };

    private static string[] Error(string problem, string remedy)
    {
        string[] lines = string.IsNullOrWhiteSpace(remedy) ? [$"error: {problem}"] : [$"error: {problem}", $"What to do: {remedy}"];
        return lines.Select(l => Redactor.Redact(l)).ToArray();
    }
}
