using SanChaos.Config.Drbd;
using SanChaos.Config.Parsing;

namespace SanChaos.Config.Lint.Rules;

/// <summary>Shared by the DRBD rules: each storage node's resource (the one drbddisk manages).</summary>
internal abstract class DrbdRule(string id, string title) : ConfigRule(id, title)
{
    public override IEnumerable<Finding> Check(LintContext context) =>
        context.Config.StorageNodes.Where(n => n.DrbdResource is not null).SelectMany(n => Check(n, n.DrbdResource!, context));

    protected abstract IEnumerable<Finding> Check(NodeConfiguration node, DrbdResource r, LintContext context);
}

/// <summary><c>drbd.fencing</c>: without fencing, losing both heartbeat paths makes both nodes Primary.</summary>
internal sealed class FencingRule() : DrbdRule("drbd.fencing", "DRBD fencing with a fence-peer handler")
{
    private const string Why =
        "When both heartbeat paths fail (eth1 cut and the serial cable pulled) each node declares the other dead; the standby promotes its copy while the " +
        "primary is still Primary, both take the floating IPs and accept writes (split brain), and resolving it later discards one side's acknowledged writes.";

    private const string Fix =
        "In the resource: `disk { fencing resource-only; }` (net { } in DRBD 9) and `handlers { fence-peer \"/usr/lib/heartbeat/drbd-peer-outdater -t 5\"; }`; " +
        "in ha.cf `respawn hacluster /usr/lib/heartbeat/dopd` and `apiauth dopd gid=haclient uid=hacluster`. dopd talks over Heartbeat's own paths, so " +
        "against losing both only STONITH helps: `fencing resource-and-stonith` with a `stonith_host` in ha.cf.";

    protected override IEnumerable<Finding> Check(NodeConfiguration node, DrbdResource r, LintContext context)
    {
        if (r.Syntax == DrbdSyntax.Drbd07)
        {
            yield return Found(Severity.Error, r.Section.Location, $"resource {r.Name} is DRBD 0.7, which has no fencing", Why, "Move to DRBD 8.4 or 9, then: " + Fix, Drills.BothPathsLost);
            yield break;
        }

        var fencing = r.Fencing;
        if (fencing is null || fencing.Value == "dont-care")
        {
            yield return Found(Severity.Error, fencing?.Location ?? r.Section.Location,
                fencing is null ? $"resource {r.Name} sets no fencing policy (DRBD's default: dont-care)" : $"resource {r.Name}: {fencing.Text}", Why, Fix, Drills.BothPathsLost);
            yield break;
        }

        var handler = r.FencePeerHandler;
        if (handler is null)
            yield return Found(Severity.Error, fencing.Location, $"{fencing.Text} without a fence-peer handler",
                "DRBD has nobody to outdate the peer: with resource-and-stonith it freezes I/O until a handler that does not exist returns; with resource-only it fences nothing.",
                "Add `handlers { fence-peer \"/usr/lib/heartbeat/drbd-peer-outdater -t 5\"; }` (or a STONITH-based handler).", Drills.BothPathsLost);
        else if (handler.Value.Contains("drbd-peer-outdater", StringComparison.Ordinal) &&
                 node.HaCf is { } cf && !cf.Directives.Any(d => d.Key == "respawn" && d.Value.Contains("dopd", StringComparison.Ordinal)))
            yield return Found(Severity.Error, handler.Location, $"{handler.Text}, but ha.cf on {node.Name} does not respawn dopd",
                "drbd-peer-outdater asks dopd on the peer to outdate its disk; without dopd it always fails and the peer is never outdated.",
                "In ha.cf: `respawn hacluster /usr/lib/heartbeat/dopd` and `apiauth dopd gid=haclient uid=hacluster`.", Drills.BothPathsLost);
    }
}

/// <summary><c>drbd.after-sb</c>: after-split-brain policies that throw a node's changes away without asking.</summary>
internal sealed class AfterSplitBrainRule() : DrbdRule("drbd.after-sb", "no automatic after-split-brain policy that discards data")
{
    private static readonly HashSet<string> Discarding = new(StringComparer.Ordinal)
    {
        "discard-younger-primary", "discard-older-primary", "discard-least-changes", "discard-local", "discard-remote", "discard-secondary",
        "consensus", "call-pri-lost-after-sb", "violently-as0p",
    };

    protected override IEnumerable<Finding> Check(NodeConfiguration node, DrbdResource r, LintContext context)
    {
        foreach (var key in new[] { "after-sb-0pri", "after-sb-1pri", "after-sb-2pri" })
        {
            if (r.Find("net", key) is not { } e) continue;
            if (Discarding.Contains(e.Value) || e.Value.StartsWith("discard-node-", StringComparison.Ordinal))
                yield return Found(Severity.Warning, e.Location, $"{e.Text}: after a split brain DRBD throws one node's changes away by itself",
                    "Writes the application was told are done, on the node that loses, are gone without anyone deciding it, and the split brain leaves no trace but a log line.",
                    $"`{key} disconnect` (the default): DRBD stays StandAlone and a person picks the victim; `discard-zero-changes` is safe for after-sb-0pri.",
                    Drills.BothPathsLost);
        }
    }
}

/// <summary><c>drbd.protocol</c>: A and B acknowledge writes the peer has not written.</summary>
internal sealed class ProtocolRule() : DrbdRule("drbd.protocol", "replication protocol C")
{
    protected override IEnumerable<Finding> Check(NodeConfiguration node, DrbdResource r, LintContext context)
    {
        var p = r.ProtocolValue;
        var at = r.Protocol?.Location ?? r.Section.Location;
        if (p == "A")
            yield return Found(Severity.Error, at, $"resource {r.Name} replicates with protocol A",
                "A write is acknowledged once it is on the local disk and in the TCP send buffer: when the primary loses power, the writes still in the buffer are lost " +
                "and the application had been told they were done (seeds, part 2: \"any hardware or software failure could result in you loosing data\").",
                "`protocol C;` (a write is done when both disks have it).", Drills.KillPrimary);
        else if (p == "B")
            yield return Found(Severity.Warning, at, $"resource {r.Name} replicates with protocol B",
                "A write is acknowledged once the peer has it in memory: if both nodes lose power together (one PDU, one room), acknowledged writes are lost.",
                "`protocol C;`.", Drills.KillPrimary);
    }
}

/// <summary><c>drbd.host-section</c>: every storage node needs its complete <c>on</c> section.</summary>
internal sealed class HostSectionRule() : DrbdRule("drbd.host-section", "an `on NODE` section with device, disk, address and meta-disk for each storage node")
{
    protected override IEnumerable<Finding> Check(NodeConfiguration node, DrbdResource r, LintContext context)
    {
        foreach (var s in context.Config.StorageNodes)
        {
            var host = r.Host(s.Name);
            if (host is null)
            {
                yield return Found(Severity.Error, r.Section.Location, $"resource {r.Name} on {node.Name} has no `on {s.Name}` section",
                    $"drbdadm on {s.Name} does not find itself in the resource and refuses it; on {node.Name} it does not know where its peer is.",
                    $"Add `on {s.Name} {{ device /dev/drbd0; disk ...; address ...:7788; meta-disk internal; }}` (the name `uname -n` prints).", Drills.SteadyState);
                continue;
            }

            var missing = new[] { ("device", host.Device), ("disk", host.Disk), ("address", host.Address), ("meta-disk", host.MetaDisk) }
                .Where(x => x.Item2 is null).Select(x => x.Item1).ToArray();
            if (missing.Length > 0)
                yield return Found(Severity.Error, host.Section.Location, $"`on {s.Name}` has no {string.Join(", ", missing)}",
                    "drbdadm refuses the resource: DRBD does not know which device to create, which disk to replicate or where to reach the peer.",
                    $"Add {string.Join(", ", missing.Select(m => m switch { "address" => "`address 10.0.0.x:7788;` (the eth1 crossover)", "meta-disk" => "`meta-disk internal;`", _ => $"`{m} ...;`" }))}.",
                    Drills.SteadyState);
        }
    }
}

/// <summary><c>drbd.identical</c>: both nodes should read the same resource.</summary>
internal sealed class DrbdIdenticalRule() : ConfigRule("drbd.identical", "the same DRBD resource on both storage nodes")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        var nodes = context.Config.StorageNodes.Where(n => n.DrbdResource is not null).ToArray();
        if (nodes.Length < 2) yield break;
        var first = nodes[0];
        var a = Dump(first.DrbdResource!.Section);
        foreach (var other in nodes.Skip(1))
        {
            var b = Dump(other.DrbdResource!.Section);
            if (a.SequenceEqual(b)) continue;
            var i = Enumerable.Range(0, Math.Max(a.Count, b.Count)).First(k => k >= a.Count || k >= b.Count || a[k] != b[k]);
            yield return Found(Severity.Warning, other.DrbdResource.Section.Location,
                $"resource {other.DrbdResource.Name} differs between {first.Name} and {other.Name}: '{(i < b.Count ? b[i] : "(nothing)")}' on {other.Name}, '{(i < a.Count ? a[i] : "(nothing)")}' on {first.Name}",
                "DRBD negotiates some options at connect and refuses to connect on a mismatch; others (fencing, handlers, timeouts) silently behave differently depending on which node fails.",
                "Keep one drbd.conf (and drbd.d/) and copy it to both nodes (seeds, part 2: \"the same on both hosts\").");
        }
    }

    private static List<string> Dump(ConfigSection s)
    {
        var lines = new List<string>();
        void Walk(ConfigSection x, string path)
        {
            foreach (var e in x.Entries) lines.Add($"{path}{e.Text}");
            foreach (var c in x.Sections) Walk(c, $"{path}{c.Title} / ");
        }

        Walk(s, "");
        return lines;
    }
}
