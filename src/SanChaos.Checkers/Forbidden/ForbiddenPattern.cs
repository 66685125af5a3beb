using System.Text.RegularExpressions;

namespace SanChaos.Checkers.Forbidden;

/// <summary>A log line that must never appear on a node (one entry of <c>forbidden:</c> in lab/sut/commands.yaml).</summary>
/// <param name="Name">Short name (<c>drbd-split-brain</c>).</param>
/// <param name="Stream">The observe_* stream tag it applies to (K kernel, H ha-log, J journal), or null for any.</param>
/// <param name="Pattern">What to look for in the line's text.</param>
/// <param name="Why">What it means, for the evidence.</param>
public sealed record ForbiddenPattern(string Name, string? Stream, Regex Pattern, string Why)
{
    /// <summary>True when <paramref name="text"/>, a line of stream <paramref name="stream"/>, is forbidden by this pattern.</summary>
    public bool Matches(string? stream, string text) => (Stream is null || stream is null || Stream == stream) && Pattern.IsMatch(text);
}
