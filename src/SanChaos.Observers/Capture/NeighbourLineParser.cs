using System.Net;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Parses the lines of <c>ip -o neigh show</c> and <c>ip -o monitor neigh</c> (iproute2; with or without <c>-ts</c>
/// timestamps, with or without the <c>[NEIGH]</c> prefix of <c>ip monitor all</c>, with <c>-s</c> statistics).
/// Written against real output recorded in a network namespace (see the tests' Capture/Fixtures).
/// </summary>
public static class NeighbourLineParser
{
    /// <summary>The NUD states iproute2 prints, upper case.</summary>
    public static readonly IReadOnlySet<string> States = new HashSet<string>(StringComparer.Ordinal)
    {
        "INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT", "NONE",
    };

    /// <summary>Flags that stand alone (no value follows).</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
    {
        "router", "proxy", "extern_learn", "offload", "managed", "nomaster",
    };

    /// <summary>Keys followed by one value that is not needed here.</summary>
    private static readonly HashSet<string> ValuedKeys = new(StringComparer.Ordinal)
    {
        "used", "probes", "ref", "nud", "vrf", "protocol", "master",
    };

    /// <summary>The entry on <paramref name="line"/>, or null for a line that is not a neighbour entry (blank, a marker, an error).</summary>
    public static NeighbourEntry? Parse(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        var tokens = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        string? stamp = null;
        if (tokens[i].StartsWith('[') && tokens[i].EndsWith(']') && tokens[i] != "[NEIGH]")
            stamp = tokens[i++][1..^1];
        if (i < tokens.Length && tokens[i] == "[NEIGH]") i++;
        var deleted = false;
        if (i < tokens.Length && tokens[i] == "Deleted")
        {
            deleted = true;
            i++;
        }

        if (i >= tokens.Length || !IPAddress.TryParse(tokens[i], out var address)) return null;
        i++;
        string? dev = null, mac = null;
        var router = false;
        var states = new List<string>();
        for (; i < tokens.Length; i++)
        {
            var t = tokens[i];
            switch (t)
            {
                case "dev" when i + 1 < tokens.Length:
                    dev = tokens[++i];
                    break;
                case "lladdr" when i + 1 < tokens.Length:
                    mac = MacText.Normalize(tokens[++i]);
                    break;
                case "router":
                    router = true;
                    break;
                default:
                    if (States.Contains(t)) states.Add(t);
                    else if (ValuedKeys.Contains(t)) i++;
                    else if (!Flags.Contains(t))
                    {
                        // Something newer iproute2 prints: ignored, the fields above are what is needed.
                    }

                    break;
            }
        }

        return new NeighbourEntry(address, dev, mac, states, deleted, router, stamp);
    }
}
