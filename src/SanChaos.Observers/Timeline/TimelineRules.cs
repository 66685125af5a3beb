using System.Text.RegularExpressions;
using SanChaos.Core.Errors;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Observers.Timeline;

/// <summary>Reads the timeline rules from a command catalog (<see cref="CommandCatalog.Timeline"/>).</summary>
public static class TimelineRules
{
    /// <summary>The stream tags the observe_* commands print.</summary>
    public static readonly IReadOnlySet<string> Streams = new HashSet<string>(StringComparer.Ordinal) { "H", "K", "J", "A", "A0", "S" };

    /// <summary>Compiles every rule; a bad entry fails with its position in the file and what to write.</summary>
    public static IReadOnlyList<TimelineRule> From(CommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var rules = new List<TimelineRule>();
        foreach (var row in catalog.Timeline)
        {
            var where = $"{catalog.Origin} timeline[{row.Index}]";
            string Need(string key) => row[key] is { Length: > 0 } v ? v
                : throw new SanChaosException($"{where}: no `{key}`.", "each timeline entry needs stream, kind and pattern, e.g. { stream: H, kind: hb.link, pattern: '...' }.");
            var stream = Need("stream");
            if (!Streams.Contains(stream))
                throw new SanChaosException($"{where}: unknown stream `{stream}`.", $"use one of {string.Join(", ", Streams)} (the tags of the observe_* commands).");
            Regex pattern;
            try
            {
                pattern = new Regex(Need("pattern"), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new SanChaosException($"{where}: the pattern is not a valid .NET regular expression: {e.Message}", "fix the pattern (single-quoted YAML: write '' for a quote).", e);
            }

            var key = row["key"];
            var floating = row["floating"];
            foreach (var g in new[] { key, floating })
                if (g is not null && !pattern.GetGroupNames().Contains(g))
                    throw new SanChaosException($"{where}: the pattern has no group `{g}`.", $"name a group of the pattern: {string.Join(", ", pattern.GetGroupNames().Where(n => !int.TryParse(n, out _)))}.");
            rules.Add(new TimelineRule(stream, Need("kind"), pattern, key, row["each"] is "true" or "yes", floating));
        }

        return rules;
    }
}
