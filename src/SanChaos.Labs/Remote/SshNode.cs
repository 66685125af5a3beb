using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Streaming;

namespace SanChaos.Labs.Remote;

/// <summary>
/// A node reached with the system OpenSSH client (no SSH library): every command is one <c>ssh</c> process,
/// run under <see cref="SshNodeOptions.CommandPrefix"/> when the management network lives in a namespace.
/// <para>
/// Connections are expensive under user-mode Linux (1.5–1.9 s per handshake), so <see cref="StartMasterAsync"/>
/// opens one connection (an ssh ControlMaster, held as our own child process) that later commands reuse through
/// its socket. Without a running master each command opens its own connection, which still works.
/// </para>
/// <para>
/// A command that outlives its timeout, or is cancelled, has its local ssh process killed (by PID). Without a
/// pty the remote side gets no signal: the remote command keeps running until it exits or writes to its closed
/// output (SIGPIPE). Wrap long remote commands in <c>timeout</c> when they must not linger.
/// </para>
/// </summary>
public sealed partial class SshNode : IStreamingNode, IAsyncDisposable
{
    /// <summary>Grace for the control master to exit after <c>-O exit</c> before it is killed.</summary>
    private static readonly TimeSpan MasterExitGrace = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ControlCommandTimeout = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _masterGate = new(1, 1);
    private Process? _master;
    private bool _adoptedMaster;
    private int _disposed;

    /// <summary>Creates the node; nothing is started until a command runs or <see cref="StartMasterAsync"/>.</summary>
    /// <param name="options">How to reach it; validated here.</param>
    /// <param name="time">Clock for timeouts and waits; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public SshNode(SshNodeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => Options.Name;

    /// <summary>The options this node was created with.</summary>
    public SshNodeOptions Options { get; }

    /// <summary>True while the control master started by <see cref="StartMasterAsync"/> is running.</summary>
    public bool IsMasterRunning => _master is { HasExited: false } || _adoptedMaster;

    /// <summary>
    /// Runs <paramref name="command"/> on the node (passed to ssh as one argument; the node's login shell runs it)
    /// and returns its exit code, stdout and stderr, however large. Never throws for a non-zero exit.
    /// </summary>
    /// <param name="command">A POSIX shell command line.</param>
    /// <param name="timeout">Deadline; default <see cref="SshNodeOptions.DefaultTimeout"/> (60 s).</param>
    /// <param name="ct">Cancels: the ssh process is killed, then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <exception cref="SshConnectionException">The node could not be reached, or the connection broke.</exception>
    /// <exception cref="CommandTimeoutException">The deadline passed; the ssh process was killed.</exception>
    /// <exception cref="SanChaosException">The ssh client could not be started.</exception>
    public async Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return await RunRemoteAsync(command, command, null, timeout ?? Options.DefaultTimeout, ct).ConfigureAwait(false);
    }

    private long _lastReopen;

    /// <summary>
    /// With <see cref="SshNodeOptions.ReopenMaster"/>: a master that was running and died (the node lost power, rebooted)
    /// is opened again before the next command, at most every 30 s, so a rebooted node does not take a fresh handshake
    /// per command for the rest of the run. A node that does not answer yet is left to the command to report.
    /// </summary>
    private async Task ReopenMasterIfItDiedAsync(CancellationToken ct)
    {
        if (!Options.ReopenMaster || _master is not { HasExited: true }) return;
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastReopen);
        if (last != 0 && _time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(30)) return;
        if (Interlocked.CompareExchange(ref _lastReopen, now, last) != last) return;
        try
        {
            await StartMasterAsync(ct).ConfigureAwait(false);
        }
        catch (SshConnectionException)
        {
            // Not up yet: the command itself says so, with its own error.
        }
    }

    /// <summary>
    /// Starts <paramref name="command"/> as a long-lived stream (<see cref="IStreamingNode.Start"/>): one ssh process,
    /// multiplexed over the control master when it runs.
    /// </summary>
    public IRemoteStream Start(string command, RemoteStreamOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= new RemoteStreamOptions();
        return new SshRemoteStream(Name, command, ExecArgv(SshRemoteStream.Wrap(command, options.Interactive)),
            options with { Time = options.Time ?? _time });
    }

    /// <summary>
    /// Runs <paramref name="commands"/> in one remote shell (see <see cref="BatchScript"/>): one round trip instead
    /// of one per command. Each runs in its own subshell with stdin from /dev/null; stdout, stderr and exit code
    /// come back per command.
    /// </summary>
    public async Task<IReadOnlyList<CommandResult>> ExecAllAsync(IReadOnlyList<string> commands, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (commands.Count == 0) return [];
        if (commands.Count == 1) return [await ExecAsync(commands[0], timeout, ct).ConfigureAwait(false)];
        var marker = "--sanchaos-" + Guid.NewGuid().ToString("N");
        var what = $"{commands.Count} commands: {string.Join("; ", commands.Select(c => c.Length > 40 ? c[..40] + "..." : c))}";
        var r = await RunRemoteAsync(BatchScript(commands, marker), what, null, timeout ?? Options.DefaultTimeout, ct).ConfigureAwait(false);
        return ParseBatch(r, commands.Count, marker, Name);
    }

    /// <summary>
    /// The script of <see cref="ExecAllAsync"/>: per command, a begin marker, its stdout, its exit code after a
    /// marker; its stderr goes to a file in a private temporary directory and is printed after another marker
    /// with shell builtins (no fork per command beyond its own subshell).
    /// </summary>
    internal static string BatchScript(IReadOnlyList<string> commands, string marker)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"d=/tmp/.sanchaos-batch.$$; mkdir -m 700 \"$d\" || exit 125; M='{marker}'; ");
        for (var i = 0; i < commands.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"printf '%s {i} out\\n' \"$M\"; (\n{commands[i]}\n) </dev/null 2>\"$d/{i}\"; r=$?; ");
            sb.Append(CultureInfo.InvariantCulture, $"printf '\\n%s {i} rc %d\\n' \"$M\" $r; ");
            sb.Append(CultureInfo.InvariantCulture, $"while IFS= read -r l || [ -n \"$l\" ]; do printf '%s\\n' \"$l\"; done < \"$d/{i}\"; printf '%s {i} end\\n' \"$M\"; ");
        }

        sb.Append("rm -rf \"$d\"");
        return sb.ToString();
    }

    /// <summary>Cuts the output of <see cref="BatchScript"/> back into one result per command.</summary>
    internal static IReadOnlyList<CommandResult> ParseBatch(CommandResult whole, int count, string marker, string node)
    {
        var text = whole.StandardOutput;
        var results = new List<CommandResult>(count);
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            var begin = $"{marker} {i} out\n";
            var rcTag = $"\n{marker} {i} rc ";
            var endTag = $"{marker} {i} end\n";
            var b = text.IndexOf(begin, pos, StringComparison.Ordinal);
            var rc = b < 0 ? -1 : text.IndexOf(rcTag, b + begin.Length, StringComparison.Ordinal);
            var rcEnd = rc < 0 ? -1 : text.IndexOf('\n', rc + rcTag.Length);
            var e = rcEnd < 0 ? -1 : text.IndexOf(endTag, rcEnd + 1, StringComparison.Ordinal);
            if (e < 0)
                throw new CommandFailedException(node, $"batch of {count} commands (stopped at command {i + 1})", whole,
                    "The node's shell ended the batch early (out of memory, killed, /tmp not writable?); run the commands one by one to see which.");
            var stdout = text[(b + begin.Length)..rc];
            var code = int.Parse(text[(rc + rcTag.Length)..rcEnd], CultureInfo.InvariantCulture);
            var stderr = text[(rcEnd + 1)..e];
            results.Add(new CommandResult(code, stdout, stderr));
            pos = e + endTag.Length;
        }

        return results;
    }

    /// <summary>
    /// Writes <paramref name="content"/> (UTF-8) to <paramref name="path"/> on the node atomically: streamed over
    /// stdin into a temporary file in the same directory, given <paramref name="mode"/>, then renamed over the
    /// target, so readers see the old file or the whole new one. The temporary file is created under <c>umask 077</c>
    /// (mode 600 before a byte is written): a secret such as <c>authkeys</c> is never readable by others, not even while it is written.
    /// </summary>
    /// <param name="path">Target path on the node; its directory must exist.</param>
    /// <param name="content">The file's text.</param>
    /// <param name="mode">Octal permissions, e.g. "0644" or "755"; default "0644".</param>
    /// <param name="ct">Cancels the upload (the target is left unchanged).</param>
    /// <exception cref="ArgumentException">Empty path or a mode that is not 3–4 octal digits.</exception>
    /// <exception cref="CommandFailedException">The node could not write the file (directory missing, read-only...).</exception>
    /// <exception cref="SshConnectionException">The node could not be reached.</exception>
    public async Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var script = UploadScript(path, mode);
        var what = $"upload {path} (mode {mode}, {Encoding.UTF8.GetByteCount(content)} bytes)";
        var r = await RunRemoteAsync(script, what, Encoding.UTF8.GetBytes(content), Options.DefaultTimeout, ct).ConfigureAwait(false);
        if (!r.Succeeded)
            throw new CommandFailedException(Name, what, r,
                $"Check on {Name} that the directory of {path} exists and its file system is writable (not remounted read-only after an error).");
    }

    /// <summary>
    /// Writes all <paramref name="files"/> in one remote command: standard input carries their bytes back to back
    /// and the script cuts them apart by length (<c>dd ... iflag=fullblock</c> reads exactly that many bytes), so
    /// ten configuration files cost one round trip instead of ten. Each file is written next to its target and
    /// renamed into place; on failure nothing half-written is left and the error names the file.
    /// </summary>
    public async Task UploadAllAsync(IReadOnlyList<NodeFile> files, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (files.Count == 0) return;
        var payloads = files.Select(f => Encoding.UTF8.GetBytes(f.Content)).ToArray();
        var script = UploadAllScript(files.Select((f, i) => (f.Path, f.Mode, (long)payloads[i].Length)).ToArray());
        var what = $"upload {files.Count} files ({string.Join(", ", files.Select(f => f.Path))})";
        var r = await RunRemoteAsync(script, what, payloads.SelectMany(b => b).ToArray(), Options.DefaultTimeout, ct).ConfigureAwait(false);
        if (!r.Succeeded)
            throw new CommandFailedException(Name, what, r,
                $"The output names the file that failed; check on {Name} that its directory exists and its file system is writable.");
    }

    /// <summary>The script of <see cref="UploadAllAsync"/>: under <c>umask 077</c>, per file, exactly its length from stdin
    /// into a temporary file beside it (created mode 600), then its mode and the rename.</summary>
    internal static string UploadAllScript(IReadOnlyList<(string Path, string Mode, long Length)> files)
    {
        var sb = new StringBuilder($"{PrivateUmask}set -e; t=; trap 'rm -f -- \"$t\"' EXIT; ");
        foreach (var (path, mode, length) in files)
        {
            UploadScript(path, mode); // validates path and mode
            var p = ShellQuote(path);
            sb.Append(CultureInfo.InvariantCulture, $"p={p}; t=\"$p.sanchaos-upload.$$\"; ");
            if (length == 0) sb.Append(": > \"$t\"; ");
            else sb.Append(CultureInfo.InvariantCulture, $"dd of=\"$t\" bs={length} count=1 iflag=fullblock status=none || {{ echo \"cannot write $p\" >&2; exit 1; }}; ");
            sb.Append(CultureInfo.InvariantCulture, $"chmod {mode} \"$t\"; mv -f -- \"$t\" \"$p\"; t=; ");
        }

        return sb.ToString();
    }

    /// <summary>
    /// Opens the control master: one authenticated connection that later commands reuse. Idempotent: returns
    /// at once when a master is running; starts a new one when the previous one died (node rebooted).
    /// </summary>
    /// <param name="ct">Cancels the start (the half-started master is killed).</param>
    /// <exception cref="SshConnectionException">The node could not be reached or refused the login.</exception>
    public async Task StartMasterAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _masterGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_master is { HasExited: false } || _adoptedMaster)
            {
                if (await CheckMasterAsync(ct).ConfigureAwait(false)) return;
            }

            await StopMasterCoreAsync().ConfigureAwait(false);
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Options.ControlDirectory);
            else Directory.CreateDirectory(Options.ControlDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (File.Exists(Options.ControlPath))
            {
                // A master left by another instance in this run: reuse it. A stale socket: remove it, or ssh
                // would refuse to listen there and silently run without multiplexing.
                if (await CheckMasterAsync(ct).ConfigureAwait(false))
                {
                    _adoptedMaster = true;
                    return;
                }

                File.Delete(Options.ControlPath);
            }

            await LaunchMasterAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _masterGate.Release();
        }
    }

    /// <summary>Closes the control master (<c>ssh -O exit</c>; killed by PID if it lingers). Idempotent.</summary>
    public async Task StopMasterAsync()
    {
        await _masterGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopMasterCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _masterGate.Release();
        }
    }

    /// <summary>
    /// Waits until the node answers SSH (runs <c>true</c> successfully), polling with the project's wait primitive.
    /// Use it after a node boots; then call <see cref="StartMasterAsync"/> to reuse one connection.
    /// </summary>
    /// <param name="timeout">How long to wait (boot under user-mode Linux: 20–30 s).</param>
    /// <param name="interval">Pause between attempts; default 1 s.</param>
    /// <param name="ct">Cancels the wait.</param>
    /// <exception cref="WaitTimeoutException">The node did not answer in time; carries the last ssh error.</exception>
    public async Task WaitUntilReachableAsync(TimeSpan timeout, TimeSpan? interval = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var lastSeen = "no answer yet";
        await Wait.UntilAsync(
            $"SSH answers on {Name} ({Options.Endpoint})",
            async t =>
            {
                try
                {
                    var r = await ExecAsync("true", Options.ConnectTimeout + TimeSpan.FromSeconds(5), t).ConfigureAwait(false);
                    if (r.Succeeded) return Probe.Yes($"`true` ran on {Name}");
                    lastSeen = $"`true` exited {r.ExitCode}: {r.StandardError.Trim()}";
                }
                catch (SshConnectionException e)
                {
                    lastSeen = e.SshError;
                }
                catch (CommandTimeoutException e)
                {
                    lastSeen = $"ssh did not finish within {e.Timeout.TotalSeconds:0.#} s";
                }
                catch (OperationCanceledException) when (t.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    // The deadline cut this attempt short: report what the previous one saw.
                    return Probe.No($"{lastSeen} (the last attempt was cut short by the deadline)");
                }

                return Probe.No(lastSeen);
            },
            timeout,
            interval ?? TimeSpan.FromSeconds(1),
            _time,
            $"Look at {Name}'s console log: did it boot and start sshd? Is {Options.Endpoint} reachable{PrefixNote()}, and is the key authorized for {Options.User}?",
            ct).ConfigureAwait(false);
    }

    /// <summary>Stops the control master. The control directory is left for the lab to remove.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await StopMasterAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (ssh {Options.Endpoint})";

    /// <summary>The full argument vector that runs <paramref name="command"/> (prefix, ssh, options, host, command).</summary>
    internal IReadOnlyList<string> ExecArgv(string command) =>
        [.. Options.CommandPrefix, Options.SshExecutable, .. CommonOptions(), "-o", "ControlMaster=no", "-o", "ClearAllForwardings=yes",
            "-T", "-a", "-x", "--", Options.Host, command];

    /// <summary>The argument vector of the control master (foreground, no command).</summary>
    internal IReadOnlyList<string> MasterArgv() =>
        [.. Options.CommandPrefix, Options.SshExecutable, .. CommonOptions(), "-o", "ControlMaster=yes", "-o", "ControlPersist=no",
            "-N", "-T", "-a", "-x", "--", Options.Host];

    /// <summary>The argument vector of a control request (<c>check</c>, <c>exit</c>): a local socket, so no prefix.</summary>
    internal IReadOnlyList<string> ControlArgv(string operation) =>
        [Options.SshExecutable, .. CommonOptions(), "-O", operation, "--", Options.Host];

    /// <summary>Starts every upload script: files it creates are mode 600 until their own mode is set, after their content.</summary>
    internal const string PrivateUmask = "umask 077; ";

    /// <summary>The remote script of an upload (see <see cref="PrivateUmask"/>).</summary>
    internal static string UploadScript(string path, string mode)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0') || path.Contains('\n'))
            throw new ArgumentException($"\"{path}\" is not a file path to upload to.", nameof(path));
        if (!ModePattern().IsMatch(mode))
            throw new ArgumentException($"File mode \"{mode}\" must be 3 or 4 octal digits, e.g. 0644.", nameof(mode));
        var p = ShellQuote(path);
        return $"{PrivateUmask}p={p}; t=$(mktemp \"$(dirname -- \"$p\")/.sanchaos-upload.XXXXXX\") || exit 1; " +
               "trap 'rm -f -- \"$t\"' EXIT; " +
               $"cat > \"$t\" && chmod {mode} \"$t\" && mv -f -- \"$t\" \"$p\"";
    }

    /// <summary>Single-quotes a string for a POSIX shell.</summary>
    internal static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[0-7]{3,4}$")]
    private static partial Regex ModePattern();

    private List<string> CommonOptions() => SshClientArguments.Options(Options, harness: true);

    private string PrefixNote() =>
        Options.CommandPrefix.Count == 0 ? "" : $" from `{HostCommand.Format(Options.CommandPrefix)}`";

    private async Task<CommandResult> RunRemoteAsync(string command, string what, byte[]? input, TimeSpan timeout, CancellationToken ct)
    {
        // Every remote command (single, batched, upload) goes through here: the one place to bring a died master back.
        await ReopenMasterIfItDiedAsync(ct).ConfigureAwait(false);
        var argv = ExecArgv(command);
        var outcome = await ProcessRunner.RunAsync(argv, input, timeout, _time, ct).ConfigureAwait(false);
        if (outcome.StartError is not null)
            throw new SanChaosException(
                $"Cannot start the SSH client for node {Name}: `{argv[0]}`: {outcome.StartError}",
                "Install the OpenSSH client on the harness machine (apt-get install openssh-client), or fix SshExecutable / CommandPrefix in the node's options.");
        if (outcome.TimedOut)
            throw new CommandTimeoutException(Name, what, timeout, outcome.Result,
                $"The local ssh process was killed; the command may still be running on {Name}. Check whether {Name} is hung or its I/O stalled, or give the command a longer timeout.");
        var r = outcome.Result;
        if (r.ExitCode == 255 && SshClientErrors.Match(r.StandardError) is { } known)
            throw Unreachable(what, r.StandardError, known);
        return r;
    }

    private SshConnectionException Unreachable(string what, string sshError, SshClientErrors.Known? known)
    {
        var error = sshError.Trim();
        if (error.Length == 0) error = "(ssh printed nothing)";
        var meaning = known?.Meaning ?? "ssh failed";
        var message = $"Cannot reach node {Name} over SSH at {Options.Endpoint}{PrefixNote()}: {meaning}.{Environment.NewLine}" +
                      $"While running: {what}{Environment.NewLine}ssh said: {error}";
        var key = Options.IdentityFile ?? "ssh's default key";
        var remedy = $"{(known is null ? "" : known.Check + " ")}In general: has {Name} booted and is its sshd up (console log)? " +
                     $"Is {Options.Host}:{Options.Port} reachable{PrefixNote()}? Is {key} authorized for {Options.User} on {Name}? " +
                     $"Try by hand: {HostCommand.Format(ExecArgv("true"))}";
        return new SshConnectionException(Name, Options.Endpoint, what, error, message, remedy);
    }

    private async Task<bool> CheckMasterAsync(CancellationToken ct)
    {
        var r = await ProcessRunner.RunAsync(ControlArgv("check"), null, ControlCommandTimeout, _time, ct).ConfigureAwait(false);
        return r.Result.ExitCode == 0 && !r.TimedOut;
    }

    private async Task LaunchMasterAsync(CancellationToken ct)
    {
        var argv = MasterArgv();
        var process = new Process { StartInfo = ProcessRunner.StartInfo(argv) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new SanChaosException($"Cannot start the SSH client for node {Name}: `{argv[0]}`: {e.Message}",
                "Install the OpenSSH client on the harness machine (apt-get install openssh-client), or fix SshExecutable / CommandPrefix.");
        }

        process.StandardInput.Close();
        _ = new OutputCollector(process.StandardOutput);
        var stderr = new OutputCollector(process.StandardError);
        _master = process;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var exited = process.WaitForExitAsync(stop.Token);
        // ssh links the socket to its final name only after authenticating and listening.
        var ready = Wait.UntilAsync(
            $"SSH control master of {Name} ({Options.Endpoint}) listening on {Options.ControlPath}",
            _ => Task.FromResult(File.Exists(Options.ControlPath) ? Probe.Yes("socket present") : Probe.No("no socket yet")),
            Options.ConnectTimeout + TimeSpan.FromSeconds(5),
            TimeSpan.FromMilliseconds(20),
            _time,
            "",
            stop.Token);
        var first = await Task.WhenAny(exited, ready).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await first.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WaitTimeoutException)
        {
            KillMaster();
            ct.ThrowIfCancellationRequested();
            throw Unreachable("control master", $"(the master did not open its socket within {Options.ConnectTimeout.TotalSeconds + 5:0} s) {stderr.Text}",
                SshClientErrors.Match(stderr.Text));
        }

        if (first == ready) return;

        await stderr.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var exitCode = process.ExitCode;
        KillMaster();
        var text = stderr.Text.Trim();
        throw Unreachable("control master", text.Length > 0 ? text : $"(ssh exited {exitCode})", SshClientErrors.Match(text));
    }

    private async Task StopMasterCoreAsync()
    {
        var hadMaster = _master is not null || _adoptedMaster;
        if (!hadMaster) return;
        if (_master is { HasExited: false } || _adoptedMaster)
            await ProcessRunner.RunAsync(ControlArgv("exit"), null, ControlCommandTimeout, _time, CancellationToken.None).ConfigureAwait(false);
        _adoptedMaster = false;
        if (_master is { } m)
        {
            using var grace = new CancellationTokenSource(MasterExitGrace, _time);
            try
            {
                await m.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Did not honour -O exit: killed below.
            }

            KillMaster();
        }
    }

    private void KillMaster()
    {
        if (_master is { } m)
        {
            ProcessRunner.Kill(m);
            m.Dispose();
        }

        _master = null;
    }
}
