namespace SanChaos.Observers.IoProbe;

/// <summary>Why the probe read a block back.</summary>
public enum IoReadPurpose
{
    /// <summary>A sample during the run (<c>R sample</c>): an earlier acknowledged write, still in its slot, read back.</summary>
    Sample,

    /// <summary>Before its slot was written again (<c>R reuse</c>): no acknowledged write is overwritten unread.</summary>
    Reuse,

    /// <summary>The read-back of the region after the probe stopped (<c>verify</c>, <c>V</c> lines).</summary>
    Final,
}
