using System.Text.RegularExpressions;

namespace SanChaos.Observers.Timeline;

/// <summary>
/// Turns one node's observe_* lines into timeline events by the rules (<see cref="TimelineRules"/>). Stateful: a
/// sampled state (a rule with a key) is reported only when it changed since the last line for that key, so a sampler
/// that prints every change of anything yields one event per real change of each thing.
/// </summary>
public sealed class TimelineInterpreter
{
    private readonly string _node;
    private readonly IReadOnlyList<TimelineRule> _rules;
    private readonly IReadOnlySet<string> _floating;
    private readonly Dictionary<(string Kind, string Key), string> _last = new();

    /// <summary>Creates an interpreter for one node.</summary>
    /// <param name="node">The node's inventory name.</param>
    /// <param name="rules">The rules, in order; a line may match several (each yields an event).</param>
    /// <param name="floatingIps">The inventory's floating IP addresses (for rules with <c>floating:</c>).</param>
    public TimelineInterpreter(string node, IReadOnlyList<TimelineRule> rules, IEnumerable<string> floatingIps)
    {
        _node = node;
        _rules = rules;
        _floating = floatingIps.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The events one line means (often none).</summary>
    public IReadOnlyList<TimelineEvent> Interpret(NodeLine line)
    {
        List<TimelineEvent>? events = null;
        foreach (var rule in _rules)
        {
            if (rule.Stream != line.Tag) continue;
            var matches = rule.Each ? rule.Pattern.Matches(line.Text).Cast<Match>() : [rule.Pattern.Match(line.Text)];
            foreach (var m in matches)
            {
                if (!m.Success) continue;
                var data = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var g in m.Groups.Keys)
                    if (!int.TryParse(g, out _) && m.Groups[g].Success) data[g] = m.Groups[g].Value;
                if (rule.Floating is { } f && !(data.TryGetValue(f, out var ip) && _floating.Contains(ip))) continue;
                if (rule.Key is { } k)
                {
                    var signature = string.Join('|', data.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
                    var slot = (rule.Kind, data.GetValueOrDefault(k, ""));
                    if (_last.TryGetValue(slot, out var before) && before == signature) continue;
                    _last[slot] = signature;
                }

                data["node"] = _node;
                data["stream"] = line.Tag;
                (events ??= []).Add(new TimelineEvent(rule.Kind, _node, line.EventTime, rule.Each ? m.Value.Trim() : line.Text.Trim(), data));
            }
        }

        return events ?? (IReadOnlyList<TimelineEvent>)[];
    }

    /// <summary>Forgets the sampled state (the node's stream was lost: after it returns, everything is reported afresh).</summary>
    public void Reset() => _last.Clear();
}
