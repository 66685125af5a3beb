using System.Text;

namespace SanChaos.Labs.Remote;

/// <summary>
/// Reads one output pipe of a child process to its end on a background task, keeping what came so far
/// readable at any time (so output of a killed or hung command is still reported).
/// </summary>
internal sealed class OutputCollector
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public OutputCollector(StreamReader reader) => Completion = PumpAsync(reader);

    /// <summary>Completes when the pipe reaches end of file (every writer closed it).</summary>
    public Task Completion { get; }

    /// <summary>What has been read so far.</summary>
    public string Text
    {
        get
        {
            lock (_gate) return _text.ToString();
        }
    }

    /// <summary>
    /// Waits for end of file, at most <paramref name="grace"/>: a process the command left behind (a daemon it
    /// started) may hold the pipe open forever. Returns false when it gave up waiting.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan grace)
    {
        var done = await Task.WhenAny(Completion, Task.Delay(grace)).ConfigureAwait(false);
        return done == Completion;
    }

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        try
        {
            while (true)
            {
                var n = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false);
                if (n == 0) return;
                lock (_gate) _text.Append(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us (process disposed): keep what we have.
        }
    }
}
