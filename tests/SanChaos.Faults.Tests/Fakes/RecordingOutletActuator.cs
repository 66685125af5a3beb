using System.Collections.Concurrent;
using SanChaos.Labs;

namespace SanChaos.Faults.Tests.Fakes;

/// <summary>
/// An outlet actuator that records what it was asked to do; every device starts powered. With <see cref="Clock"/> set it
/// also records when it switched each device, at the start of the switch (the embedded lab freezes a node first, then
/// waits for its processes to die), as the embedded lab's substrate does (<see cref="IOutletClock"/>).
/// </summary>
public sealed class RecordingOutletActuator : IOutletActuator, IOutletClock
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _changed = new();

    /// <summary>The clock the switches are recorded with; null records nothing (a PDU that keeps no record).</summary>
    public TimeProvider? Clock { get; set; }

    public DateTimeOffset? PowerChangedAt(string device) => _changed.TryGetValue(device, out var t) ? t : null;

    private readonly ConcurrentDictionary<string, bool> _powered = new();
    private readonly ConcurrentQueue<string> _calls = new();

    /// <summary>Devices whose next power-off throws (the relay is stuck; power stays on).</summary>
    public ConcurrentDictionary<string, string> FailPowerOff { get; } = new();

    /// <summary>How long a power-off takes (a node's kernel being frozen and killed); honours cancellation.</summary>
    public TimeSpan PowerOffTakes { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<string> Calls => [.. _calls];

    public async Task PowerOffAsync(string device, CancellationToken ct = default)
    {
        _calls.Enqueue($"off {device}");
        if (Clock is { } clock) _changed[device] = clock.GetUtcNow();
        if (PowerOffTakes > TimeSpan.Zero) await Task.Delay(PowerOffTakes, ct);
        if (FailPowerOff.TryGetValue(device, out var why)) throw new InvalidOperationException(why);
        _powered[device] = false;
    }

    public Task PowerOnAsync(string device, CancellationToken ct = default)
    {
        _calls.Enqueue($"on {device}");
        if (Clock is { } clock) _changed[device] = clock.GetUtcNow();
        _powered[device] = true;
        return Task.CompletedTask;
    }

    public bool IsPowered(string device) => _powered.GetValueOrDefault(device, true);

    public void Set(string device, bool powered) => _powered[device] = powered;
}
