namespace SanChaos.Labs;

/// <summary>A file to write on a node.</summary>
/// <param name="Path">Absolute path on the node (its directory must exist).</param>
/// <param name="Content">Text content, written as UTF-8 exactly (no newline added).</param>
/// <param name="Mode">Octal mode, e.g. <c>0644</c>.</param>
public sealed record NodeFile(string Path, string Content, string Mode = "0644");
