using System.Text.RegularExpressions;

namespace SanChaos.Config.Lvm;

/// <summary>One element of an lvm.conf filter: <c>a|regex|</c> accepts, <c>r|regex|</c> rejects (any delimiter).</summary>
/// <param name="Accept">True for 'a'.</param>
/// <param name="Regex">The compiled expression, or null when it does not compile.</param>
/// <param name="Raw">The element as written.</param>
public sealed record LvmPattern(bool Accept, Regex? Regex, string Raw)
{
    /// <summary>Reads one element; null when it is not of the form a|re| or r|re|.</summary>
    public static LvmPattern? Parse(string raw)
    {
        if (raw.Length < 3 || raw[0] is not ('a' or 'r') || raw[^1] != raw[1]) return null;
        return new LvmPattern(raw[0] == 'a', Parsing.Patterns.TryCompile(raw[2..^1]), raw);
    }
}
