using System.Globalization;

namespace SanChaos.Observers.Timeline;

/// <summary>One line of an observe_* command: <c>&lt;tag&gt; &lt;node realtime s.us&gt; &lt;text&gt;</c>.</summary>
/// <param name="Tag">The stream (H ha-log, K kernel, J journal, A/A0 addresses, S samples).</param>
/// <param name="NodeTime">When the node read or sampled it, on the node's clock.</param>
/// <param name="Text">The line itself.</param>
public readonly record struct NodeLine(string Tag, DateTimeOffset NodeTime, string Text)
{
    /// <summary>Parses a raw line; null when it is not in that form (a shell's complaint on stderr never gets here).</summary>
    public static NodeLine? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var a = line.IndexOf(' ', StringComparison.Ordinal);
        if (a <= 0) return null;
        var b = line.IndexOf(' ', a + 1);
        var stamp = b < 0 ? line[(a + 1)..] : line[(a + 1)..b];
        return FromEpochSeconds(stamp) is { } at ? new NodeLine(line[..a], at, b < 0 ? "" : line[(b + 1)..]) : null;
    }

    /// <summary>A node's realtime as bash prints <c>$EPOCHREALTIME</c> (<c>1795966692.447148</c>), or null when it is not one.</summary>
    public static DateTimeOffset? FromEpochSeconds(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : null;

    /// <summary>
    /// When the event itself happened on the node's clock: a journal line carries journald's own microsecond time,
    /// which is used; every other line carries the time the node read it. Kernel lines are not re-dated from dmesg's
    /// own stamp: under user-mode Linux that clock was seen 0.1–0.6 s away from the node's realtime.
    /// </summary>
    public DateTimeOffset EventTime => Tag == "J" && JournalTime(Text) is { } j ? j : NodeTime;

    /// <summary>The leading time of a <c>journalctl -o short-iso-precise</c> line (<c>2026-11-29T15:38:18.565905+0000</c>).</summary>
    internal static DateTimeOffset? JournalTime(string text)
    {
        var sp = text.IndexOf(' ', StringComparison.Ordinal);
        if (sp < 0) return null;
        var stamp = text[..sp];
        // journalctl writes the zone without a colon (+0000); .NET's zzz wants +00:00.
        if (stamp.Length > 5 && stamp[^5] is '+' or '-' && stamp[^3] != ':') stamp = stamp[..^2] + ":" + stamp[^2..];
        return DateTimeOffset.TryParseExact(stamp, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
    }
}
