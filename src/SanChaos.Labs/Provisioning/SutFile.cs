namespace SanChaos.Labs.Provisioning;

/// <summary>One rendered file for a node.</summary>
/// <param name="Path">Absolute path on the node.</param>
/// <param name="Content">Its content.</param>
/// <param name="Mode">File mode, octal (e.g. "0600").</param>
/// <param name="Template">The lab/sut template it came from (for messages).</param>
public sealed record SutFile(string Path, string Content, string Mode, string Template);
