using System.Collections.Concurrent;
using SanChaos.Inventory.Model;
using SanChaos.Labs;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>A lab that can also cut cables, pull the serial cable and shape links; it records each call.</summary>
public sealed class CapableLab(LabInventory inventory, Uri? pduUrl = null) : FakeLab(inventory, pduUrl), ICableControl, ISerialCableControl, ILinkShaping
{
    private readonly ConcurrentDictionary<string, bool> _cut = new();
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public bool IsPlugged { get; private set; } = true;

    public Task CutAsync(string node, string nic, CancellationToken ct = default)
    {
        _calls.Enqueue($"cut {node} {nic}");
        _cut[$"{node}/{nic}"] = true;
        return Task.CompletedTask;
    }

    public Task RestoreAsync(string node, string nic, CancellationToken ct = default)
    {
        _calls.Enqueue($"restore {node} {nic}");
        _cut[$"{node}/{nic}"] = false;
        return Task.CompletedTask;
    }

    public bool IsCut(string node, string nic) => _cut.GetValueOrDefault($"{node}/{nic}");

    public Task PullAsync(CancellationToken ct = default)
    {
        _calls.Enqueue("pull serial");
        IsPlugged = false;
        return Task.CompletedTask;
    }

    public Task PlugAsync(CancellationToken ct = default)
    {
        _calls.Enqueue("plug serial");
        IsPlugged = true;
        return Task.CompletedTask;
    }

    public Task DegradeAsync(string node, string nic, LinkDegradation degradation, CancellationToken ct = default)
    {
        _calls.Enqueue($"degrade {node} {nic} {degradation.NetemArguments()}");
        return Task.CompletedTask;
    }

    public Task CleanAsync(string node, string nic, CancellationToken ct = default)
    {
        _calls.Enqueue($"clean {node} {nic}");
        return Task.CompletedTask;
    }
}
