namespace SanChaos.Config;

/// <summary>One configuration file (or one command's output) as collected from a node.</summary>
/// <param name="Node">The node it came from.</param>
/// <param name="Path">Its path in the node's folder, '/' separated (see <see cref="Sources.ConfigLayout"/>).</param>
/// <param name="Text">Its content.</param>
/// <param name="Mode">Its permission bits as found on the node (<c>stat -c %a</c>), or null when unknown.</param>
public sealed record ConfigFile(string Node, string Path, string Text, UnixFileMode? Mode = null)
{
    /// <summary>A location in this file.</summary>
    public ConfigLocation At(int? line = null) => new(Node, Path, line);

    /// <summary>The file's lines without their line ends; line n is at index n-1.</summary>
    public IReadOnlyList<string> Lines => Parsing.TextLines.Split(Text);

    /// <summary>The mode as octal digits (<c>600</c>), or "unknown".</summary>
    public string ModeText => Mode is { } m ? Convert.ToString((int)m, 8) : "unknown";
}
