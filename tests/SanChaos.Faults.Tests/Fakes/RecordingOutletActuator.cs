using System.Collections.Concurrent;
using SanChaos.Labs;

namespace SanChaos.Faults.Tests.Fakes;

/// <summary>An outlet actuator that records what it was asked to do; every device starts powered.</summary>
public sealed class RecordingOutletActuator : IOutletActuator
{
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
        if (PowerOffTakes > TimeSpan.Zero) await Task.Delay(PowerOffTakes, ct);
        if (FailPowerOff.TryGetValue(device, out var why)) throw new InvalidOperationException(why);
        _powered[device] = false;
    }

    public Task PowerOnAsync(string device, CancellationToken ct = default)
    {
        _calls.Enqueue($"on {device}");
        _powered[device] = true;
        return Task.CompletedTask;
    }

    public bool IsPowered(string device) => _powered.GetValueOrDefault(device, true);

    public void Set(string device, bool powered) => _powered[device] = powered;
}
