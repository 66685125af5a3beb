namespace SanChaos.Config.Lint.Rules;

/// <summary><c>hb.haresources-identical</c>: both nodes must agree on the resource groups.</summary>
internal sealed class HaResourcesIdenticalRule() : ConfigRule("hb.haresources-identical", "the same haresources on both storage nodes")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        var nodes = context.Config.StorageNodes.Where(n => n.HaResources is not null).ToArray();
        if (nodes.Length < 2) yield break;
        var first = nodes[0];
        foreach (var other in nodes.Skip(1).Where(o => o.HaResources!.Normalized != first.HaResources!.Normalized))
            yield return Found(Severity.Error, other.HaResources!.Groups.FirstOrDefault()?.Location ?? other.HaResources.File.At(),
                $"{other.Name}'s haresources differs from {first.Name}'s: {Describe(first, other)}",
                "Heartbeat v1 moves groups by name and order: a node that takes over starts a different group from the one its peer ran (missing IPs, another preferred node).",
                $"Copy /etc/ha.d/haresources from {first.Name} to {other.Name}.", Drills.KillPrimary);
    }

    private static string Describe(NodeConfiguration a, NodeConfiguration b)
    {
        var x = a.HaResources!.Normalized.Split('\n');
        var y = b.HaResources!.Normalized.Split('\n');
        var i = Enumerable.Range(0, Math.Max(x.Length, y.Length)).First(k => k >= x.Length || k >= y.Length || x[k] != y[k]);
        return $"group {i + 1} is '{(i < y.Length ? y[i] : "(none)")}' on {b.Name}, '{(i < x.Length ? x[i] : "(none)")}' on {a.Name}";
    }
}

/// <summary><c>hb.haresources-continuation</c>: a group line without its trailing '\' makes the rest a group of its own.</summary>
internal sealed class HaResourcesContinuationRule() : ConfigRule("hb.haresources-continuation", "resource groups continued with '\\' on every line but the last")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var n in context.Config.StorageNodes.Where(n => n.HaResources is not null))
        {
            var groups = n.HaResources!.Groups;
            for (var i = 1; i < groups.Count; i++)
            {
                var g = groups[i];
                if (!g.AfterUncontinuedLine || IsNode(n, g.Node)) continue;
                var prev = groups[i - 1];
                var lost = string.Join(" ", new[] { g.Node }.Concat(g.Resources.Select(r => r.Text)));
                yield return Found(Severity.Error, n.HaResources.File.At(prev.LastLine),
                    $"line {prev.LastLine} ends the group of {prev.Node} without '\\': line {g.Location.Line} starts a new group for a node called '{g.Node}'",
                    $"Heartbeat refuses to start (\"Bad nodename in haresources [{g.Node}]\"); read as written, a takeover would start only " +
                    $"{string.Join(", ", prev.Resources.Select(r => r.Text))} and never {lost}: no floating IP, no target.",
                    $"End line {prev.LastLine} with '\\' as its very last character.", Drills.KillPrimary);
            }
        }
    }

    internal static bool IsNode(NodeConfiguration n, string name) =>
        n.HaCf is { } cf ? cf.Nodes.Contains(name) : !name.Contains("::", StringComparison.Ordinal) && !name.Contains('/');
}

/// <summary><c>hb.nodes</c>: ha.cf must list every storage node under its name, and haresources must name a listed node.</summary>
internal sealed class NodesRule() : ConfigRule("hb.nodes", "ha.cf's node lines name the storage nodes; haresources names one of them")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        var storage = context.Config.StorageNodes;
        foreach (var n in storage.Where(n => n.HaCf is not null))
        {
            foreach (var missing in storage.Select(s => s.Name).Where(s => !n.HaCf!.Nodes.Contains(s)))
                yield return Found(Severity.Error, n.HaCf!.Directives.FirstOrDefault(d => d.Key == "node")?.Location ?? n.HaCf.File.At(),
                    $"ha.cf on {n.Name} has no `node {missing}` (it lists {(n.HaCf.Nodes.Count == 0 ? "none" : string.Join(", ", n.HaCf.Nodes))})",
                    missing == n.Name ? "Heartbeat refuses to start (\"Current node not in configuration\"): node names must be `uname -n`."
                        : $"Heartbeat does not count {missing} as a cluster member and ignores its heartbeats.",
                    $"Add `node {missing}` (the name `uname -n` prints on it).", Drills.SteadyState);
            foreach (var g in n.HaResources?.Groups ?? [])
                if (!n.HaCf!.Nodes.Contains(g.Node) && !g.AfterUncontinuedLine)
                    yield return Found(Severity.Error, g.Location, $"haresources names '{g.Node}', which is not a `node` of ha.cf",
                        $"Heartbeat refuses to start (\"Bad nodename in haresources [{g.Node}]\").", $"Start the line with one of {string.Join(", ", n.HaCf.Nodes)}.", Drills.SteadyState);
        }
    }
}

/// <summary><c>hb.hacf-identical</c>: the timers and membership both nodes run with.</summary>
internal sealed class HaCfIdenticalRule() : ConfigRule("hb.hacf-identical", "the same Heartbeat timers, port and nodes on both storage nodes")
{
    private static readonly string[] Keys = ["keepalive", "deadtime", "warntime", "initdead", "udpport", "baud", "auto_failback", "crm"];

    public override IEnumerable<Finding> Check(LintContext context)
    {
        var nodes = context.Config.StorageNodes.Where(n => n.HaCf is not null).ToArray();
        if (nodes.Length < 2) yield break;
        var first = nodes[0];
        foreach (var other in nodes.Skip(1))
        {
            foreach (var key in Keys)
            {
                var a = first.HaCf!.Last(key)?.Value;
                var b = other.HaCf!.Last(key)?.Value;
                if (a != b)
                    yield return Found(Severity.Warning, other.HaCf.Last(key)?.Location ?? other.HaCf.File.At(),
                        $"{key} is {b ?? "unset"} on {other.Name} but {a ?? "unset"} on {first.Name}",
                        "The nodes disagree about when the other is dead (or cannot hear each other at all on another port or baud rate): one takes over while the other still thinks all is well.",
                        $"Use the same ha.cf on both nodes ({key} {a ?? b}).", Drills.KillPrimary);
            }

            if (!first.HaCf!.Nodes.Order().SequenceEqual(other.HaCf!.Nodes.Order()))
                yield return Found(Severity.Warning, other.HaCf.File.At(), $"the node lists differ: {string.Join(", ", other.HaCf.Nodes)} on {other.Name}, {string.Join(", ", first.HaCf.Nodes)} on {first.Name}",
                    "The nodes disagree about cluster membership.", "Use the same `node` lines on both nodes.");
        }
    }
}
