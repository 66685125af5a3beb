using System.Text;
using SanChaos.Core.Commands;

namespace SanChaos.Labs.Remote;

/// <summary>
/// Runs a command on the harness machine itself (<c>ip</c>, <c>bridge</c>, <c>tc</c>, <c>linux.uml</c>...):
/// an argument vector, no shell, optionally inside a network namespace (<c>ip netns exec NS</c>), with a
/// deadline. Output is captured whole; the process (and anything it started) is killed by PID at the deadline
/// or on cancellation.
/// </summary>
public static class HostCommand
{
    /// <summary>The "where" of host commands in results and errors.</summary>
    public const string Where = "host";

    /// <summary>Deadline when none is given: 60 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs <paramref name="command"/> and returns its exit code and output; never throws for a non-zero exit.
    /// A command that cannot be started (not installed) returns exit code -1 with the reason on stderr.
    /// </summary>
    /// <param name="command">Executable (looked up in PATH) and arguments, e.g. <c>["ip", "link", "show"]</c>.</param>
    /// <param name="netns">Network namespace to run in (prefixes <c>ip netns exec NAME</c>); null: the harness's own.</param>
    /// <param name="timeout">Deadline; default <see cref="DefaultTimeout"/> (60 s).</param>
    /// <param name="standardInput">Text written to the command's stdin (UTF-8), which is then closed; null: empty stdin.</param>
    /// <param name="ct">Cancels the command: it is killed and <see cref="OperationCanceledException"/> is thrown.</param>
    /// <param name="workingDirectory">The command's working directory; null: the harness's.</param>
    /// <param name="environment">Variables set (a null value removes one) on top of the harness's environment; null: none.</param>
    /// <exception cref="CommandTimeoutException">The deadline passed; the process was killed.</exception>
    public static async Task<CommandResult> RunAsync(IReadOnlyList<string> command, string? netns = null,
        TimeSpan? timeout = null, string? standardInput = null, CancellationToken ct = default,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var argv = WithNetns(command, netns);
        var t = timeout ?? DefaultTimeout;
        var input = standardInput is null ? null : Encoding.UTF8.GetBytes(standardInput);
        var outcome = await ProcessRunner.RunAsync(argv, input, t, TimeProvider.System, ct, workingDirectory, environment).ConfigureAwait(false);
        if (outcome.TimedOut)
            throw new CommandTimeoutException(Where, Format(argv), t, outcome.Result,
                "Find out why it hangs (run it by hand), or give it a longer timeout if it is just slow.");
        return outcome.Result;
    }

    /// <summary>
    /// Like <see cref="RunAsync"/>, but throws <see cref="CommandFailedException"/> (where "host", the command,
    /// exit code, stdout and stderr) unless the command exits 0.
    /// </summary>
    /// <param name="command">Executable and arguments.</param>
    /// <param name="netns">Network namespace to run in, or null.</param>
    /// <param name="timeout">Deadline; default <see cref="DefaultTimeout"/> (60 s).</param>
    /// <param name="remedy">What to do when it fails; default: a hint to install the tool when it cannot start.</param>
    /// <param name="standardInput">Text for the command's stdin, or null.</param>
    /// <param name="ct">Cancels the command.</param>
    /// <param name="workingDirectory">The command's working directory; null: the harness's.</param>
    /// <param name="environment">Variables set (a null value removes one) on top of the harness's environment; null: none.</param>
    /// <returns>The successful result.</returns>
    /// <exception cref="CommandFailedException">Non-zero exit, or the command could not be started.</exception>
    /// <exception cref="CommandTimeoutException">The deadline passed; the process was killed.</exception>
    public static async Task<CommandResult> RunCheckedAsync(IReadOnlyList<string> command, string? netns = null,
        TimeSpan? timeout = null, string remedy = "", string? standardInput = null, CancellationToken ct = default,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var r = await RunAsync(command, netns, timeout, standardInput, ct, workingDirectory, environment).ConfigureAwait(false);
        if (r.Succeeded) return r;
        if (remedy.Length == 0 && r.ExitCode == -1)
            remedy = $"Install `{command[0]}` on the harness machine (e.g. apt-get install iproute2 for ip, bridge and tc) or put it in PATH.";
        throw new CommandFailedException(Where, Format(WithNetns(command, netns)), r, remedy);
    }

    /// <summary>
    /// The argument vector actually run: <paramref name="command"/>, prefixed with <c>ip netns exec NAME</c> when
    /// <paramref name="netns"/> is given.
    /// </summary>
    /// <exception cref="ArgumentException">Empty command, or a namespace name that is not [A-Za-z0-9._-]+.</exception>
    public static IReadOnlyList<string> WithNetns(IReadOnlyList<string> command, string? netns)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new ArgumentException("A host command needs at least an executable.", nameof(command));
        if (netns is null) return command;
        if (netns.Length == 0 || !netns.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"\"{netns}\" is not a network namespace name (letters, digits, '.', '_', '-').", nameof(netns));
        return ["ip", "netns", "exec", netns, .. command];
    }

    /// <summary>Renders an argument vector the way a shell would read it back (for messages and logs).</summary>
    public static string Format(IEnumerable<string> argv) => ProcessRunner.Format(argv);
}
