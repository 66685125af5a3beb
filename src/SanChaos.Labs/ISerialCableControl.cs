namespace SanChaos.Labs;

/// <summary>Capability: pull and plug the null-modem serial cable between the storage nodes.</summary>
public interface ISerialCableControl
{
    /// <summary>Pulls the cable: no byte crosses it, in either direction. Idempotent.</summary>
    Task PullAsync(CancellationToken ct = default);

    /// <summary>Plugs it back. Idempotent.</summary>
    Task PlugAsync(CancellationToken ct = default);

    /// <summary>True while the cable is plugged in.</summary>
    bool IsPlugged { get; }
}
