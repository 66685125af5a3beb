using System.Text.RegularExpressions;

namespace SanChaos.Observers.Timeline;

/// <summary>One entry of <c>commands.yaml</c>'s <c>timeline:</c> list, compiled.</summary>
/// <param name="Stream">The line tag it applies to (H, K, J, A, A0, S).</param>
/// <param name="Kind">The history event kind of a match.</param>
/// <param name="Pattern">The expression; its named groups become the event's data.</param>
/// <param name="Key">For sampled state: the group that names the thing sampled; the event is recorded only when its
/// data changed for that node and key. Null: every match is recorded.</param>
/// <param name="Each">Every match in the line, not only the first.</param>
/// <param name="Floating">The group that must hold one of the inventory's floating IPs; null: no such filter.</param>
public sealed record TimelineRule(string Stream, string Kind, Regex Pattern, string? Key, bool Each, string? Floating);
