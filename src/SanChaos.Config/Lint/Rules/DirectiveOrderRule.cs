namespace SanChaos.Config.Lint.Rules;

/// <summary><c>hb.directive-order</c>: ha.cf sets up a path when it reads it, with the baud rate and UDP port read so far.</summary>
internal sealed class DirectiveOrderRule() : ConfigRule("hb.directive-order", "baud before serial, udpport before bcast/ucast/mcast")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var cf in context.Config.StorageNodes.Select(n => n.HaCf).OfType<Heartbeat.HaCf>())
        {
            var d = cf.Directives;
            foreach (var (setting, media, defaultValue) in new[] { ("baud", new[] { "serial" }, "19200"), ("udpport", new[] { "bcast", "ucast", "mcast", "mcast6" }, "694") })
            {
                var value = cf.Last(setting);
                if (value is null || value.Value == defaultValue) continue;
                var early = d.TakeWhile(e => e != value).Where(e => media.Contains(e.Key)).ToArray();
                foreach (var e in early)
                    yield return Found(Severity.Warning, e.Location, $"'{e.Text}' comes before '{value.Text}' (line {value.Location.Line})",
                        $"Heartbeat set this path up with the {setting} known when it read the line, its default {defaultValue}; a peer that uses {value.Value} does not hear it and the path is dead.",
                        $"Move '{value.Text}' above line {e.Location.Line}.", Drills.Eth1Cut);
            }
        }
    }
}
