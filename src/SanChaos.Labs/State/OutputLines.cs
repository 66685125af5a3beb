namespace SanChaos.Labs.State;

/// <summary>Splits command output into lines (LF or CRLF).</summary>
internal static class OutputLines
{
    public static IEnumerable<string> Of(string text) => text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
}
