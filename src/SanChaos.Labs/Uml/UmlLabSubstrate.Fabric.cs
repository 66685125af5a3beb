using SanChaos.Core.Errors;

namespace SanChaos.Labs.Uml;

/// <summary>The fabric: the bridges in the lab's namespace, the cables (<see cref="ICableControl"/>) and the switches' power.</summary>
internal sealed partial class UmlLabSubstrate : ICableControl
{
    private readonly UmlFabric _fabric;
    private readonly HashSet<string> _switchesOff = new(StringComparer.Ordinal);
    private readonly HashSet<(string Node, string Nic)> _cutCables = [];
    private readonly SemaphoreSlim _fabricGate = new(1, 1);
    private bool _fabricDirty;

    public ICableControl Cables => this;

    // ---- ICableControl ----

    public Task CutAsync(string node, string nic, CancellationToken ct = default)
    {
        CheckNic(node, nic);
        return ChangeFabricAsync(() => _cutCables.Add((node, nic)), ct);
    }

    public Task RestoreAsync(string node, string nic, CancellationToken ct = default)
    {
        CheckNic(node, nic);
        return ChangeFabricAsync(() => _cutCables.Remove((node, nic)), ct);
    }

    public bool IsCut(string node, string nic)
    {
        lock (_stateLock) return _cutCables.Contains((node, nic));
    }

    // ---- helpers ----

    /// <summary>Applies <paramref name="change"/> to the cut cables or unpowered switches and, when it changed
    /// something, sets the bridge ports accordingly (one batch).</summary>
    private async Task ChangeFabricAsync(Func<bool> change, CancellationToken ct)
    {
        if (!_created) throw new SanChaosException("The embedded lab is not up.", "call UpAsync first.");
        await _fabricGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            HashSet<(string, string)> cut;
            HashSet<string> off;
            lock (_stateLock)
            {
                if (!change()) return;
                cut = [.. _cutCables];
                off = [.. _switchesOff];
            }

            SaveState();
            if (cut.Count == 0 && off.Count == 0 && !_fabricDirty) return;
            await _fabric.ApplyAsync(cut, off, ct).ConfigureAwait(false);
            _fabricDirty = cut.Count > 0 || off.Count > 0;
        }
        finally
        {
            _fabricGate.Release();
        }
    }

    /// <summary>Forgets cut cables and unpowered switches (the fabric they were applied to is gone).</summary>
    private void ForgetFabricChanges()
    {
        lock (_stateLock)
        {
            _switchesOff.Clear();
            _cutCables.Clear();
            _fabricDirty = false;
        }
    }

    private string Switch(string device)
    {
        if (_topology.Bridges.Any(b => b.Switch == device)) return device;
        throw new SanChaosException(
            $"The embedded lab (run {_topology.RunId}) has no node or switch '{device}' to switch power for.",
            $"use a node ({string.Join(", ", _machines.Keys)}) or a switch ({string.Join(", ", _topology.Bridges.Select(b => b.Switch).OfType<string>())}).");
    }

    private void CheckNic(string node, string nic)
    {
        if (!Machine(node).Spec.Interfaces.Any(i => i.GuestName == nic))
            throw new SanChaosException($"Node {node} has no interface '{nic}'.",
                $"use one of: {string.Join(", ", Machine(node).Spec.Interfaces.Select(i => i.GuestName))}.");
    }
}
