namespace SanChaos.Labs.Uml;

/// <summary>Where the time of one <see cref="IUmlLab.UpAsync"/> went (monotonic clock).</summary>
/// <param name="Preflight">Host checks and reaping leftovers of earlier runs.</param>
/// <param name="Image">Building the image, or finding it cached.</param>
/// <param name="ImageWasCached">True when the image was already built.</param>
/// <param name="Fabric">Namespace, bridges, taps, serial relay.</param>
/// <param name="BootToSsh">Per node: from its kernel's start to its first successful SSH command.</param>
/// <param name="Total">The whole call.</param>
public sealed record UmlUpTimings(
    TimeSpan Preflight,
    TimeSpan Image,
    bool ImageWasCached,
    TimeSpan Fabric,
    IReadOnlyDictionary<string, TimeSpan> BootToSsh,
    TimeSpan Total)
{
    /// <summary>Per node: when its kernel was started, from the start of the up.</summary>
    public IReadOnlyDictionary<string, TimeSpan> BootStartedAt { get; init; } = new Dictionary<string, TimeSpan>();
}
