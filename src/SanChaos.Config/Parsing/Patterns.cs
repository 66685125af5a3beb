using System.Text.RegularExpressions;

namespace SanChaos.Config.Parsing;

/// <summary>Regular expressions from configuration files (lvm filters, multipath vendor and devnode patterns).</summary>
internal static class Patterns
{
    /// <summary>The compiled expression, or null when it does not compile; matching is bounded to one second.</summary>
    public static Regex? TryCompile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
