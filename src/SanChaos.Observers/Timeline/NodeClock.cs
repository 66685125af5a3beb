using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Labs;
using SanChaos.Labs.Streaming;

namespace SanChaos.Observers.Timeline;

/// <summary>Measures a node's clock offset (see <see cref="ClockOffset"/>) with the catalog's <c>clock_echo</c> command.</summary>
public static class NodeClock
{
    /// <summary>
    /// Sends <paramref name="samples"/> tokens through one interactive stream; the node answers each with its realtime.
    /// Offset of one exchange: node time minus the midpoint of send and receive on the harness's clock.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="echoCommand">The rendered <c>clock_echo</c> command.</param>
    /// <param name="time">The harness's clock.</param>
    /// <param name="samples">Exchanges (default 8); the shortest round trip wins.</param>
    /// <param name="timeout">For each answer (default 15 s: the first includes the SSH session's start).</param>
    /// <param name="ct">Cancels.</param>
    /// <exception cref="SanChaosException">The node did not answer (down, unreachable): says which and what it printed.</exception>
    public static async Task<ClockOffset> MeasureAsync(IStreamingNode node, string echoCommand, TimeProvider time, int samples = 8,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        await using var stream = node.Start(echoCommand, new RemoteStreamOptions { Interactive = true, Time = time });
        var best = (Offset: TimeSpan.Zero, Rtt: TimeSpan.MaxValue);
        for (var i = 0; i < samples; i++)
        {
            var t0 = time.GetUtcNow();
            try
            {
                await stream.WriteLineAsync(i.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw await NoAnswerAsync(node, stream, e.Message).ConfigureAwait(false);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
            StreamLine line;
            try
            {
                line = await stream.Lines.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException && !ct.IsCancellationRequested)
            {
                throw await NoAnswerAsync(node, stream, e is OperationCanceledException ? "no answer in time" : "the stream ended").ConfigureAwait(false);
            }

            var t1 = time.GetUtcNow();
            var parts = line.Text.Split(' ');
            if (parts.Length != 2 || parts[0] != i.ToString(CultureInfo.InvariantCulture) || NodeLine.FromEpochSeconds(parts[1]) is not { } nodeTime)
                throw new SanChaosException($"{node.Name}: the clock echo answered `{line.Text}` to token {i}.",
                    "the node's shell must be bash 5 or newer ($EPOCHREALTIME); check `clock_echo` in lab/sut/commands.yaml.");
            var rtt = t1 - t0;
            if (rtt < best.Rtt) best = (nodeTime - (t0 + rtt / 2), rtt);
        }

        return new ClockOffset(node.Name, best.Offset, best.Rtt, time.GetUtcNow(), samples);
    }

    private static async Task<SanChaosException> NoAnswerAsync(IStreamingNode node, IRemoteStream stream, string what)
    {
        var stderr = "";
        if (stream.Completion.IsCompleted) stderr = (await stream.Completion.ConfigureAwait(false)).StandardError.Trim();
        return new SanChaosException($"{node.Name}: cannot measure its clock: {what}{(stderr.Length > 0 ? $" ({stderr})" : "")}.",
            "the node is down or unreachable over SSH; its events are not on the timeline until it answers.");
    }
}
