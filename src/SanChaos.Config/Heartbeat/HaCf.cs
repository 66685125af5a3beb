using System.Globalization;
using System.Text.RegularExpressions;
using SanChaos.Config.Parsing;

namespace SanChaos.Config.Heartbeat;

/// <summary>
/// <c>/etc/ha.d/ha.cf</c> as Heartbeat reads it: one directive a line, its first word the directive, '#' starting a
/// comment anywhere on the line. Directives Heartbeat does not know are reported (it refuses to start on them:
/// "Illegal directive [x] in ha.cf").
/// </summary>
/// <param name="File">The file.</param>
/// <param name="Directives">Every directive in file order.</param>
public sealed partial record HaCf(ConfigFile File, IReadOnlyList<ConfigEntry> Directives)
{
    /// <summary>Directive names Heartbeat 3 accepts (config.c's Directives[] and WLdirectives[], and the media plugins shipped with it).</summary>
    public static readonly IReadOnlySet<string> KnownDirectives = new HashSet<string>(StringComparer.Ordinal)
    {
        "cluster", "node", "hopfudge", "keepalive", "deadtime", "deadping", "initdead", "warntime", "watchdog", "baud", "udpport",
        "logfacility", "logfile", "debugfile", "nice_failback", "auto_failback", "rtprio", "generation_method", "realtime", "debug",
        "normalpoll", "msgfmt", "use_logd", "conn_logd_time", "use_apphbd", "badpack_warn", "coredumps", "coreroot", "crm",
        "pacemaker", "autojoin", "uuidfrom", "compression", "compression_threshold", "traditional_compression", "env",
        "max_rexmit_delay", "record_config_changes", "record_pengine_inputs", "enable_config_writes", "memreserve",
        "quorum_server", "stonith", "stonith_host", "apiauth", "respawn", "udp",
        "bcast", "mcast", "mcast6", "ucast", "serial", "ping", "ping_group", "hbaping", "openais",
    };

    /// <summary>The media directives: each names one or more communication paths.</summary>
    public static readonly IReadOnlySet<string> MediaDirectives = new HashSet<string>(StringComparer.Ordinal) { "bcast", "mcast", "mcast6", "ucast", "serial", "udp" };

    /// <summary>The last directive called <paramref name="name"/> (Heartbeat keeps the last value), or null.</summary>
    public ConfigEntry? Last(string name) => Directives.LastOrDefault(d => d.Key == name);

    /// <summary>Heartbeat's serial speed when ha.cf has no <c>baud</c> line (config.c: 19200).</summary>
    public const int DefaultBaud = 19200;

    /// <summary>
    /// The serial path's speed, as Heartbeat sets it up: the last <c>baud</c> line before the first <c>serial</c> line (a
    /// <c>baud</c> after it does not apply to it; lint rule hb.directive-order says so), or the last <c>baud</c> line when
    /// there is no <c>serial</c>; <see cref="DefaultBaud"/> without one; null when that line is not a positive number.
    /// </summary>
    public int? Baud
    {
        get
        {
            var serial = Directives.ToList().FindIndex(d => d.Key == "serial");
            var baud = Directives.Take(serial < 0 ? Directives.Count : serial).LastOrDefault(d => d.Key == "baud");
            if (baud is null) return DefaultBaud;
            return int.TryParse(baud.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : null;
        }
    }

    /// <summary>The <c>node</c> names, in order.</summary>
    public IReadOnlyList<string> Nodes => Directives.Where(d => d.Key == "node").SelectMany(d => d.Values).ToArray();

    /// <summary>The communication paths: each interface of bcast lines, the interface of mcast/ucast lines, each serial device.</summary>
    public IReadOnlyList<HeartbeatPath> Paths => Directives.Where(d => MediaDirectives.Contains(d.Key)).SelectMany(d => d.Key switch
    {
        "bcast" or "udp" or "serial" => d.Values.Select(v => new HeartbeatPath(d.Key == "udp" ? "bcast" : d.Key, v, d)),
        _ => d.Values.Take(1).Select(v => new HeartbeatPath(d.Key, v, d)),
    }).ToArray();

    /// <summary>Reads ha.cf; unknown directives and unreadable times go to <paramref name="diagnostics"/>.</summary>
    public static HaCf Parse(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        var directives = new List<ConfigEntry>();
        foreach (var (number, content) in TextLines.Significant(file.Text))
        {
            var words = TextLines.Words(content);
            var entry = new ConfigEntry(words[0], words[1..], file.At(number));
            if (!KnownDirectives.Contains(entry.Key))
            {
                diagnostics.Add(new ConfigDiagnostic(entry.Location, Severity.Error, $"Heartbeat knows no directive '{entry.Key}' (it refuses to start: \"Illegal directive\")",
                    "a ha.cf directive (keepalive, deadtime, warntime, initdead, udpport, bcast, ucast, mcast, serial, baud, node, auto_failback, ...)"));
                continue;
            }

            if (entry.Key is "keepalive" or "deadtime" or "warntime" or "initdead" or "deadping" && !TryParseTime(entry.Value, out _))
                diagnostics.Add(new ConfigDiagnostic(entry.Location, Severity.Error, $"'{entry.Value}' is not a time",
                    "seconds (10), or a number with ms or s (500ms)"));
            directives.Add(entry);
        }

        return new HaCf(file, directives);
    }

    /// <summary>A Heartbeat time: seconds, possibly fractional, or with a <c>ms</c>, <c>us</c> or <c>s</c> suffix (config.c get_msec).</summary>
    public static bool TryParseTime(string text, out TimeSpan value)
    {
        var m = TimeRegex().Match(text.Trim());
        value = TimeSpan.Zero;
        if (!m.Success) return false;
        var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        value = m.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "us" => TimeSpan.FromMicroseconds(n),
            _ => TimeSpan.FromSeconds(n),
        };
        return true;
    }

    /// <summary>The time set by directive <paramref name="name"/>, with its line; null when unset or unreadable.</summary>
    public (TimeSpan Value, ConfigEntry Entry)? Time(string name) =>
        Last(name) is { } e && TryParseTime(e.Value, out var t) ? (t, e) : null;

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|us|s)?$")]
    private static partial Regex TimeRegex();
}
