namespace SanChaos.Config.Lint.Rules;

/// <summary><c>hb.two-paths</c>: Heartbeat needs two independent paths, the seeds' serial cable plus the eth1 network.</summary>
internal sealed class HeartbeatPathsRule() : ConfigRule("hb.two-paths", "At least two heartbeat paths, one of them the serial cable")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var n in context.Config.StorageNodes.Where(n => n.HaCf is not null))
        {
            var paths = n.HaCf!.Paths;
            var distinct = paths.Select(p => p.IsSerial ? "serial " + p.Device : "net " + p.Device).Distinct().ToArray();
            var at = paths.FirstOrDefault()?.Entry.Location ?? n.HaCf.File.At(1);
            if (distinct.Length == 0)
                yield return Found(Severity.Error, at, "ha.cf declares no heartbeat path (no bcast, mcast, ucast or serial line)",
                    "Heartbeat refuses to start (\"No heartbeat media defined\").", "Add `bcast eth1` and, with a null-modem cable, `baud 19200` and `serial /dev/ttyS0`.",
                    Drills.SteadyState);
            else if (distinct.Length == 1)
                yield return Found(Severity.Error, at, $"Heartbeat has a single path to its peer: {paths[0]}",
                    "When that path fails (a cable, a switch, a firewall rule) each node declares the other dead and takes the resources: " +
                    "both serve the same disk and the copies diverge (split brain).",
                    paths[0].IsSerial ? "Add a network path over the crossover cable: `bcast eth1` (after `udpport`)."
                        : "Add the null-modem cable as a second path, as the seeds do (part 3): `baud 19200` then `serial /dev/ttyS0`.",
                    Drills.Eth1Cut);
            else if (!paths.Any(p => p.IsSerial))
                yield return Found(Severity.Warning, at, $"every heartbeat path goes through the network stack: {string.Join(", ", paths)}",
                    "One firewall rule, a network restart or a bonding mistake drops all of them at once, and both nodes take the resources (the seeds' reason for the serial cable, part 3).",
                    "Add the null-modem cable: `baud 19200` then `serial /dev/ttyS0`.", Drills.BothPathsLost);
        }
    }
}
