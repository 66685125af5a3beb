namespace SanChaos.Labs.Shaping;

/// <summary>
/// Degrades a node interface with netem from inside the node, both directions: egress with a root netem
/// qdisc on the interface, ingress by redirecting it to an ifb device that carries the same netem. Works
/// on any lab whose nodes have <c>tc</c> and the sch_netem, ifb and act_mirred modules (the embedded lab's
/// kernel has them; so does a stock Debian kernel).
/// </summary>
public sealed class NodeLinkShaping : ILinkShaping
{
    // Commands as data: {nic}, {ifb} and {netem} are substituted.
    private const string Degrade =
        "set -e; modprobe -q sch_netem 2>/dev/null || true; modprobe -q ifb numifbs=0 2>/dev/null || true; modprobe -q act_mirred 2>/dev/null || true; " +
        "tc qdisc replace dev {nic} root netem {netem}; " +
        "ip link show {ifb} >/dev/null 2>&1 || ip link add {ifb} type ifb; ip link set {ifb} up; " +
        "tc qdisc replace dev {ifb} root netem {netem}; " +
        "tc qdisc show dev {nic} ingress | grep -q ingress || tc qdisc add dev {nic} handle ffff: ingress; " +
        "tc filter show dev {nic} parent ffff: | grep -q mirred || tc filter add dev {nic} parent ffff: matchall action mirred egress redirect dev {ifb}";

    private const string Clean =
        "tc qdisc del dev {nic} root 2>/dev/null; tc qdisc del dev {nic} ingress 2>/dev/null; ip link del {ifb} 2>/dev/null; " +
        "tc qdisc show dev {nic} | grep -q netem && exit 1 || exit 0";

    private readonly IReadOnlyDictionary<string, INode> _nodes;

    /// <summary>Creates the capability over the lab's nodes.</summary>
    public NodeLinkShaping(IReadOnlyDictionary<string, INode> nodes) => _nodes = nodes;

    /// <inheritdoc />
    public Task DegradeAsync(string node, string nic, LinkDegradation degradation, CancellationToken ct = default) =>
        Node(node).RunAsync(Fill(Degrade, nic, degradation.NetemArguments()), TimeSpan.FromSeconds(60),
            $"check that {node} has tc (iproute2) and the sch_netem, ifb and act_mirred modules.", ct);

    /// <inheritdoc />
    public Task CleanAsync(string node, string nic, CancellationToken ct = default) =>
        Node(node).RunAsync(Fill(Clean, nic, ""), TimeSpan.FromSeconds(60),
            $"remove it by hand on {node}: tc qdisc del dev {nic} root; tc qdisc del dev {nic} ingress.", ct);

    private INode Node(string name) => _nodes.TryGetValue(name, out var n) ? n
        : throw new Core.Errors.SanChaosException($"No node '{name}' to shape.", $"use one of: {string.Join(", ", _nodes.Keys)}.");

    private static string Fill(string template, string nic, string netem) =>
        template.Replace("{nic}", nic, StringComparison.Ordinal).Replace("{ifb}", IfbName(nic), StringComparison.Ordinal)
            .Replace("{netem}", netem, StringComparison.Ordinal);

    /// <summary>The ifb device that carries <paramref name="nic"/>'s ingress shaping.</summary>
    public static string IfbName(string nic) => ("sc-" + nic).Length <= 15 ? "sc-" + nic : "sc-" + nic[^12..];
}
