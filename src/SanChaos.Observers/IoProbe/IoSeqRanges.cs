using System.Globalization;

namespace SanChaos.Observers.IoProbe;

/// <summary>Sequence numbers written as ranges, for people: <c>20001-21570,21580</c>.</summary>
public static class IoSeqRanges
{
    /// <summary>
    /// <paramref name="seqs"/> (any order, duplicates ignored) as comma-separated ranges, the first
    /// <paramref name="maxRanges"/> of them, then <c>,... (N more)</c> with the count of the sequence numbers left out.
    /// </summary>
    public static string Format(IEnumerable<long> seqs, int maxRanges = 50)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        var sorted = seqs.Distinct().Order().ToArray();
        var ranges = new List<(long From, long To)>();
        foreach (var s in sorted)
        {
            if (ranges.Count > 0 && ranges[^1].To == s - 1) ranges[^1] = (ranges[^1].From, s);
            else ranges.Add((s, s));
        }

        var shown = ranges.Take(maxRanges).Select(r => r.From == r.To ? N(r.From) : $"{N(r.From)}-{N(r.To)}");
        var left = ranges.Skip(maxRanges).Sum(r => r.To - r.From + 1);
        return string.Join(",", shown) + (left > 0 ? $",... ({N(left)} more)" : "");
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
