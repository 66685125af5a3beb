using System.Globalization;
using SanChaos.Labs;
using SanChaos.Labs.Serial;
using SanChaos.Core.History;

namespace SanChaos.Observers.Serial;

/// <summary>
/// The serial cable as the lab's relay carried it during a scenario: the relay's counters are read when the observer starts
/// and when it stops, and the change is recorded per direction (<see cref="SerialEventKinds.Line"/>): bytes forwarded,
/// dropped per reason (cable pulled, receiver off, receiver's port closed, overrun) and flushed. It reads two snapshots and
/// nothing else: no load on the nodes. A lab that has no relay counters (a rack's real cable) gets no such observer.
/// </summary>
/// <param name="cable">The lab's relay counters.</param>
public sealed class SerialLineObserver(ISerialCableCounters cable) : IObserver
{
    private ObserverContext? _context;
    private SerialRelayCounters? _start;

    /// <inheritdoc />
    public string Name => "serial-line";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts => [];

    /// <inheritdoc />
    public Task StartAsync(ObserverContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_context is not null) throw new InvalidOperationException("The serial line observer is already running.");
        _context = context;
        _start = cable.SerialCounters;
        if (_start is null)
            context.Run.History.Append(ObserverEventKinds.Failed, Name, "the serial relay gives no counters (not running): the serial line's bytes are missing from this scenario");
        else
            context.Run.History.Append(ObserverEventKinds.Started, Name, $"serial cable {_start.EndA}<->{_start.EndB} at {_start.Baud} baud",
                new Dictionary<string, string> { ["observer"] = Name, [SerialEventKeys.Baud] = Invariant(_start.Baud) });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken ct)
    {
        if (_context is not { } context) return Task.CompletedTask;
        _context = null;
        if (_start is null) return Task.CompletedTask;
        var end = cable.SerialCounters;
        if (end is null)
        {
            context.Run.History.Append(ObserverEventKinds.Failed, Name, "the serial relay gave no counters at the scenario's end (it stopped): its bytes are missing");
            return Task.CompletedTask;
        }

        var change = end.Since(_start);
        Record(context, change.EndA, change.EndB, change.AToB, change.Baud);
        Record(context, change.EndB, change.EndA, change.BToA, change.Baud);
        context.Run.History.Append(ObserverEventKinds.Stopped, Name, change.ToString());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private void Record(ObserverContext context, string from, string to, SerialDirectionCounters c, int baud) =>
        context.Run.History.Append(SerialEventKinds.Line, Name, c.Describe(from, to), new Dictionary<string, string>
        {
            [SerialEventKeys.From] = from,
            [SerialEventKeys.To] = to,
            [SerialEventKeys.Baud] = Invariant(baud),
            [SerialEventKeys.Forwarded] = Invariant(c.Forwarded),
            [SerialEventKeys.DroppedPulled] = Invariant(c.DroppedPulled),
            [SerialEventKeys.DroppedOff] = Invariant(c.DroppedOff),
            [SerialEventKeys.DroppedClosed] = Invariant(c.DroppedClosed),
            [SerialEventKeys.DroppedOverrun] = Invariant(c.DroppedOverrun),
            [SerialEventKeys.Flushed] = Invariant(c.Flushed),
        });

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
