using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>Parses <c>drbdadm role|dstate</c> (a local/peer pair) and <c>drbdadm cstate</c> (one word), 8.4 style.</summary>
public static class DrbdadmParser
{
    /// <summary>The pair on the first matching line (<c>Primary/Secondary</c>), or null.</summary>
    public static DrbdPair? ParsePair(string text, CommandCatalog? catalog = null)
    {
        var p = (catalog ?? CommandCatalog.Default).Pattern("drbdadm_pair");
        foreach (var line in OutputLines.Of(text))
            if (p.Match(line.Trim()) is { Success: true } m)
                return new DrbdPair(m.Groups["local"].Value, m.Groups["peer"].Value);
        return null;
    }

    /// <summary>The single word on the first matching line (<c>Connected</c>), or null.</summary>
    public static string? ParseWord(string text, CommandCatalog? catalog = null)
    {
        var p = (catalog ?? CommandCatalog.Default).Pattern("drbdadm_word");
        foreach (var line in OutputLines.Of(text))
            if (p.Match(line.Trim()) is { Success: true } m)
                return m.Groups["word"].Value;
        return null;
    }
}
