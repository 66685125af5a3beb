using System.Diagnostics.CodeAnalysis;
using SanChaos.Labs.Serial;

namespace SanChaos.Labs.Uml;

/// <summary>The serial cable between two nodes (<see cref="ISerialCableControl"/>): a relay of their UARTs' ptys, pulled and plugged.</summary>
internal sealed partial class UmlLabSubstrate : ISerialCableControl
{
    private SerialRelay? _relay;
    private bool _serialPlugged = true;

    public ISerialCableControl? SerialCable => _topology.Serial is null ? null : this;

    public SerialRelay? SerialRelay => _relay;

    // ---- ISerialCableControl ----

    bool ISerialCableControl.IsPlugged => _relay?.IsPlugged ?? _serialPlugged;

    Task ISerialCableControl.PullAsync(CancellationToken ct)
    {
        _serialPlugged = false;
        _relay?.Pull();
        return Task.CompletedTask;
    }

    Task ISerialCableControl.PlugAsync(CancellationToken ct)
    {
        _serialPlugged = true;
        _relay?.Plug();
        return Task.CompletedTask;
    }

    // ---- helpers ----

    /// <summary>Starts the relay at the cable's baud rate when the topology has a serial cable, pulled if it was pulled before the up.</summary>
    private void StartSerialRelay()
    {
        if (_topology.Serial is { } cable)
        {
            _relay = Serial.SerialRelay.Start(cable.NodeA, cable.NodeB, new SerialRelayOptions { Baud = cable.Baud, Time = _options.Time });
            if (!_serialPlugged) _relay.Pull();
        }
    }

    private void StopSerialRelay()
    {
        _relay?.Dispose();
        _relay = null;
    }

    /// <summary>True when the relay runs and <paramref name="node"/> is at one end of the serial cable.</summary>
    [MemberNotNullWhen(true, nameof(_relay))]
    private bool IsOnSerialRelay(string node) =>
        _relay is not null && _topology.Serial is { } cable && (cable.NodeA == node || cable.NodeB == node);
}
