namespace SanChaos.Observers.IoProbe;

/// <summary>The compiled probe on the harness machine.</summary>
/// <param name="Path">The static x86_64 executable (in the cache; never modified once there).</param>
/// <param name="Sha256">SHA-256 of the executable, lower-case hex: what <c>sha256sum</c> prints on a node that has it.</param>
/// <param name="Key">The cache key: SHA-256 of the compiler flags and the source.</param>
public sealed record IoProbeBinary(string Path, string Sha256, string Key);
