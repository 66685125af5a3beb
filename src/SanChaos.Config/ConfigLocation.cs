namespace SanChaos.Config;

/// <summary>Where something was read: a node, a file under the node's folder and, when known, a line.</summary>
/// <param name="Node">The node (folder) name, e.g. <c>otter</c>.</param>
/// <param name="File">The file relative to the node's folder, with '/' separators, e.g. <c>drbd.d/r0.res</c>.</param>
/// <param name="Line">1-based line, or null when the finding is about the whole file (or a file that is missing).</param>
public sealed record ConfigLocation(string Node, string File, int? Line = null)
{
    /// <summary><c>node/file:line</c>, the path of the file inside a configuration folder.</summary>
    public override string ToString() => Line is { } l ? $"{Node}/{File}:{l}" : $"{Node}/{File}";

    /// <summary>The same file at another line.</summary>
    public ConfigLocation At(int? line) => this with { Line = line };
}
