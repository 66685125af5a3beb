namespace SanChaos.Observers.IoProbe;

/// <summary>What the probe's <c>verify</c> mode found in one slot (its <c>V</c> line).</summary>
public enum IoVerifyStatus
{
    /// <summary>Every sector carries the same write of this run and the block checksum holds.</summary>
    Ok,

    /// <summary>Every sector carries the same write of this run, but the block checksum does not hold.</summary>
    Bad,

    /// <summary>Sectors of different writes, or some sectors without a header of this run.</summary>
    Torn,

    /// <summary>No header of this run; the block is all zeros.</summary>
    Empty,

    /// <summary>No header of this run; other data (another run's blocks, anything else).</summary>
    Foreign,

    /// <summary>The block could not be read (the errno is on the line).</summary>
    Unreadable,
}
