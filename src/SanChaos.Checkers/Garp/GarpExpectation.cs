namespace SanChaos.Checkers.Garp;

/// <summary>
/// One announcement a step expects: "gratuitous ARP for <paramref name="Ip"/> is seen from <paramref name="Node"/> on
/// <paramref name="Network"/> within <paramref name="Within"/>".
/// </summary>
/// <param name="Ip">The floating IP (e.g. <c>192.168.1.1</c>).</param>
/// <param name="Node">The node that must announce it (by its MAC on <paramref name="Network"/>).</param>
/// <param name="Network">The inventory network (e.g. <c>storage-a</c>).</param>
/// <param name="Within">The bound, counted from <paramref name="After"/>.</param>
/// <param name="After">When to count from; null (default) = the last <c>fault.injected</c> of the history.</param>
public sealed record GarpExpectation(string Ip, string Node, string Network, TimeSpan Within, DateTimeOffset? After = null);
