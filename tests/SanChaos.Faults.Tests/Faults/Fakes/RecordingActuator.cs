using System.Collections.Concurrent;
using SanChaos.Labs;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>What the embedded PDU's outlets do, recorded: every device starts powered.</summary>
public sealed class RecordingActuator : IOutletActuator
{
    private readonly ConcurrentDictionary<string, bool> _powered = new();
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public Task PowerOffAsync(string device, CancellationToken ct = default)
    {
        _calls.Enqueue($"off {device}");
        _powered[device] = false;
        return Task.CompletedTask;
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
