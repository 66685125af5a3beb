namespace SanChaos.Observers.IoProbe;

/// <summary>An acknowledged write that did not read back, with the writes involved and their times (harness clock).</summary>
/// <param name="Slot">The block of the region.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="AcknowledgedSeq">The last write to this slot the device had acknowledged before the read.</param>
/// <param name="Submitted">When that write was submitted.</param>
/// <param name="Acknowledged">When it was acknowledged.</param>
/// <param name="FoundSeq">The write the slot carried instead (stale, unexpected, bad checksum), else null.</param>
/// <param name="FoundSubmitted">When <paramref name="FoundSeq"/> was submitted, when the write log has it.</param>
/// <param name="SectorSeqs">For a torn block, each sector's write (null: none of this run); else empty.</param>
/// <param name="Detail">One line for people: what was expected and what was found.</param>
/// <param name="Purpose">The read that found it: a sample during the run, the read before reuse, or the read-back after the stop.</param>
/// <param name="ReadAt">When that read returned (harness clock); null for the read-back after the stop.</param>
public sealed record IoReadbackFinding(long Slot, IoReadbackKind Kind, long AcknowledgedSeq, DateTimeOffset Submitted,
    DateTimeOffset Acknowledged, long? FoundSeq, DateTimeOffset? FoundSubmitted, IReadOnlyList<long?> SectorSeqs, string Detail,
    IoReadPurpose Purpose = IoReadPurpose.Final, DateTimeOffset? ReadAt = null);
