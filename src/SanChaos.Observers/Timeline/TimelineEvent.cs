namespace SanChaos.Observers.Timeline;

/// <summary>What a node's line meant, before it is put on the harness's clock.</summary>
/// <param name="Kind">History event kind (from the rule).</param>
/// <param name="Node">The node that reported it.</param>
/// <param name="NodeTime">When, on the node's clock.</param>
/// <param name="Message">The node's own line (for people reading the history).</param>
/// <param name="Data">The rule's named groups, plus <c>node</c> and <c>stream</c>.</param>
public sealed record TimelineEvent(string Kind, string Node, DateTimeOffset NodeTime, string Message, IReadOnlyDictionary<string, string> Data);
