namespace SanChaos.Config.Heartbeat;

/// <summary>One haresources group: a (logical) line <c>node resource resource ...</c>, possibly continued with '\'.</summary>
/// <param name="Node">The first word: the node that prefers the group.</param>
/// <param name="Location">The line it starts on.</param>
/// <param name="LastLine">The last physical line of the group.</param>
/// <param name="Resources">Its resources, started left to right.</param>
/// <param name="AfterUncontinuedLine">True when the line just before it (no blank or comment line between) belongs to
/// the previous group: a group that starts there usually is the rest of the previous one whose '\' is missing.</param>
public sealed record ResourceGroup(string Node, ConfigLocation Location, int LastLine, IReadOnlyList<HaResource> Resources, bool AfterUncontinuedLine);
