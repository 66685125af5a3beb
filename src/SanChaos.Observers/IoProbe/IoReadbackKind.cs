namespace SanChaos.Observers.IoProbe;

/// <summary>How a read of a slot that held an acknowledged write came back wrong.</summary>
public enum IoReadbackKind
{
    /// <summary>No write of this run at all (zeros or other data): the acknowledged write and everything before it are gone.</summary>
    Lost,

    /// <summary>An older write of this run: the acknowledged write was lost, an earlier one is there (the SAN went back in time).</summary>
    Stale,

    /// <summary>Sectors of different writes, or a block whose checksum does not hold.</summary>
    Torn,

    /// <summary>A write of this run that the write log never sent to this slot (or after the last acknowledged one without an attempt).</summary>
    Unexpected,

    /// <summary>The block could not be read back after the stop, or <c>verify</c> printed nothing for it.</summary>
    Unreadable,
}
