namespace SanChaos.Observers.IoProbe;

/// <summary>One <c>V</c> line of the probe's <c>verify</c> mode.</summary>
/// <param name="Slot">The block of the region.</param>
/// <param name="Status">What the block holds.</param>
/// <param name="Seq">The write every sector carries (<see cref="IoVerifyStatus.Ok"/>, <see cref="IoVerifyStatus.Bad"/>), else null.</param>
/// <param name="SectorSeqs">For <see cref="IoVerifyStatus.Torn"/>: each sector's write (null: no header of this run); else empty.</param>
/// <param name="ErrnoName">For <see cref="IoVerifyStatus.Unreadable"/>: the read's errno name; else null.</param>
public sealed record IoVerifySlot(long Slot, IoVerifyStatus Status, long? Seq, IReadOnlyList<long?> SectorSeqs, string? ErrnoName);
