using System.Text;
using SanChaos.Labs.Native;

namespace SanChaos.Labs.Hands;

/// <summary>Why <see cref="LogFollower.RunAsync"/> returned.</summary>
public enum FollowEnd
{
    /// <summary>It was asked not to follow: the last lines were printed.</summary>
    Printed,

    /// <summary>Its token was cancelled (Ctrl-C).</summary>
    Cancelled,

    /// <summary>What writes the file is gone (the lab run ended).</summary>
    SourceGone,
}

/// <summary>
/// <c>tail -n N -F</c> for one file on this machine (a node's console log): prints its last lines, then every
/// <see cref="PollInterval"/> what was appended. A file that shrank (truncated) or was replaced (another inode:
/// deleted and created again, or rotated) is read again from its beginning, after what the old one still had.
/// A missing file is waited for. Output is passed through as written (UTF-8, colour codes kept).
/// </summary>
public sealed class LogFollower
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly char[] _chars = new char[Encoding.UTF8.GetMaxCharCount(64 * 1024)];
    private Decoder _decoder = Encoding.UTF8.GetDecoder();
    private FileStream? _stream;
    private (ulong Device, ulong Inode) _identity;

    /// <summary>Creates a follower; nothing is read before <see cref="RunAsync"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="output">Where its text goes (flushed after every read).</param>
    /// <param name="pollInterval">Pause between looks at the file, e.g. 200 ms.</param>
    /// <param name="time">Clock of the pauses; default <see cref="TimeProvider.System"/>.</param>
    public LogFollower(string path, TextWriter output, TimeSpan pollInterval, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        Path = path;
        Output = output;
        PollInterval = pollInterval;
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The file followed.</summary>
    public string Path { get; }

    /// <summary>Where its text goes.</summary>
    public TextWriter Output { get; }

    /// <summary>Pause between looks at the file.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Clock of the pauses.</summary>
    public TimeProvider Time { get; }

    /// <summary>Times the file was read again from its beginning because it was truncated or replaced.</summary>
    public int Restarts { get; private set; }

    /// <summary>
    /// Prints the last <paramref name="lastLines"/> lines; with <paramref name="follow"/>, then what is appended
    /// until <paramref name="ct"/> is cancelled or <paramref name="sourceAlive"/> (asked at every look) says false.
    /// Cancellation ends it normally (<see cref="FollowEnd.Cancelled"/>), not with an exception.
    /// </summary>
    /// <param name="lastLines">Lines printed first (0: none, only what comes next).</param>
    /// <param name="follow">Keep printing what is appended.</param>
    /// <param name="sourceAlive">False once nothing will write the file any more; null = always true.</param>
    /// <param name="ct">Ends the following.</param>
    public async Task<FollowEnd> RunAsync(int lastLines, bool follow, Func<bool>? sourceAlive = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastLines);
        try
        {
            if (Reopen() is { } s) s.Position = TailStart(s, lastLines);
            Copy();
            if (!follow) return FollowEnd.Printed;
            using var timer = new PeriodicTimer(PollInterval, Time);
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                Look();
                if (sourceAlive is not null && !sourceAlive())
                {
                    Look();
                    return FollowEnd.SourceGone;
                }
            }

            return FollowEnd.Cancelled;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return FollowEnd.Cancelled;
        }
        finally
        {
            if (_stream is not null) await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }
    }

    /// <summary>The offset where the last <paramref name="lines"/> lines of <paramref name="s"/> begin (a final newline ends the last line).</summary>
    private long TailStart(FileStream s, int lines)
    {
        var length = s.Length;
        if (lines == 0) return length;
        var pos = length;
        var newlines = 0;
        while (pos > 0)
        {
            var n = (int)Math.Min(_buffer.Length, pos);
            pos -= n;
            s.Position = pos;
            var read = s.ReadAtLeast(_buffer.AsSpan(0, n), n, throwOnEndOfStream: false);
            for (var i = Math.Min(read, n) - 1; i >= 0; i--)
            {
                if (_buffer[i] != '\n' || pos + i == length - 1) continue;
                if (++newlines == lines) return pos + i + 1;
            }
        }

        return 0;
    }

    /// <summary>One look: what was appended, then whether the path now names another file or a shorter one.</summary>
    private void Look()
    {
        Copy();
        var now = Libc.FileIdentity(Path);
        if (now is not { } id) return; // removed: wait for it to come back
        if (_stream is null || (id.Device, id.Inode) != _identity)
        {
            var replaced = _stream is not null;
            if (Reopen() is null) return;
            Restart(replaced);
        }
        else if (id.Size < _stream.Position)
        {
            _stream.Position = 0;
            Restart(counts: true);
        }
    }

    private void Restart(bool counts)
    {
        if (counts) Restarts++;
        _decoder = Encoding.UTF8.GetDecoder();
        Copy();
    }

    /// <summary>Opens the file afresh (closing the one open before); null when it does not exist.</summary>
    private FileStream? Reopen()
    {
        _stream?.Dispose();
        _stream = null;
        try
        {
            _stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var id = Libc.FileIdentity(_stream.SafeFileHandle);
        _identity = (id.Device, id.Inode);
        return _stream;
    }

    /// <summary>Writes what the open file has past the current position.</summary>
    private void Copy()
    {
        if (_stream is null) return;
        var wrote = false;
        int n;
        while ((n = _stream.Read(_buffer)) > 0)
        {
            var c = _decoder.GetChars(_buffer, 0, n, _chars, 0, flush: false);
            Output.Write(_chars, 0, c);
            wrote = true;
        }

        if (wrote) Output.Flush();
    }
}
