namespace SanChaos.Labs.Uml;

/// <summary>The guest image the nodes boot (shared, read-only; each node writes to its own copy-on-write layer).</summary>
/// <param name="Path">The image file, <c>&lt;cache&gt;/images/&lt;sha256&gt;/base.img</c>.</param>
/// <param name="RecipeHash">SHA-256 of the recipe that built it (its cache directory's name).</param>
/// <param name="WasCached">True when it was already built; false when this call built it.</param>
/// <param name="BuildTime">How long the build took (zero when cached).</param>
public sealed record UmlImage(string Path, string RecipeHash, bool WasCached, TimeSpan BuildTime);
