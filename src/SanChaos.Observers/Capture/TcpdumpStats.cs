using System.Globalization;
using System.Text.RegularExpressions;

namespace SanChaos.Observers.Capture;

/// <summary>The counters tcpdump prints on standard error when it stops: "N packets received by filter", "N packets dropped by kernel", "N packets dropped by interface".</summary>
internal static partial class TcpdumpStats
{
    /// <summary>Parses tcpdump's closing lines; a counter it did not print is null.</summary>
    public static (long? Received, long? Dropped, long? InterfaceDropped) Parse(string stderr)
    {
        long? Find(string what)
        {
            foreach (Match m in Counter().Matches(stderr ?? ""))
                if (m.Groups["what"].Value == what) return long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            return null;
        }

        return (Find("received by filter"), Find("dropped by kernel"), Find("dropped by interface"));
    }

    [GeneratedRegex(@"^(?<n>\d+) packets? (?<what>received by filter|dropped by kernel|dropped by interface)\s*$", RegexOptions.Multiline)]
    private static partial Regex Counter();
}
