using System.Globalization;
using SanChaos.Config.Drbd;
using SanChaos.Config.Multipath;
using SanChaos.Config.Parsing;

namespace SanChaos.Config.Timing;

/// <summary>
/// The timers that decide how a failover goes, each with its source: Heartbeat's per storage node, DRBD's per storage
/// node, and the client's iSCSI and multipath timers as open-iscsi and multipathd really use them (node records over
/// iscsid.conf, <c>multipathd show config</c> over multipath.conf).
/// </summary>
public sealed class SutTimings
{
    /// <summary>What the kernel logged on the embedded lab: multipathd's fast_io_fail_tmo, not replacement_timeout, bounds session recovery.</summary>
    public const string RecoveryMeasurement =
        "measured on lab embedded (2026-11-29): with replacement_timeout 15 the kernel logged \"session recovery timed out after 5 secs\"";

    private readonly Dictionary<string, HeartbeatTimings> _heartbeat = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DrbdTimings> _drbd = new(StringComparer.Ordinal);

    private SutTimings()
    {
    }

    /// <summary>The Heartbeat timers of a storage node, or null when it has no ha.cf.</summary>
    public HeartbeatTimings? Heartbeat(string node) => _heartbeat.GetValueOrDefault(node);

    /// <summary>The DRBD timers of a storage node, or null when it has no DRBD resource.</summary>
    public DrbdTimings? Drbd(string node) => _drbd.GetValueOrDefault(node);

    /// <summary>The first client's timers, or null when there is no client.</summary>
    public ClientTimings? Client { get; private set; }

    /// <summary>The SCSI vendor the target reports (from the haresources target agent), or null.</summary>
    public string? TargetVendor { get; private set; }

    /// <summary>Reads the timers of <paramref name="config"/>.</summary>
    public static SutTimings From(SutConfiguration config)
    {
        var t = new SutTimings();
        foreach (var n in config.StorageNodes)
        {
            if (n.HaCf is not null) t._heartbeat[n.Name] = HeartbeatOf(n);
            if (n.DrbdResource is { } r) t._drbd[n.Name] = DrbdOf(n.Name, r);
        }

        t.TargetVendor = config.StorageNodes.SelectMany(n => n.HaResources?.Groups.SelectMany(g => g.Resources) ?? [])
            .Select(r => BuiltinDefaults.TargetVendors.GetValueOrDefault(r.Agent)).FirstOrDefault(v => v is not null);
        if (config.Clients.FirstOrDefault() is { } client) t.Client = ClientOf(client, t.TargetVendor);
        return t;
    }

    private static HeartbeatTimings HeartbeatOf(NodeConfiguration n)
    {
        var cf = n.HaCf!;
        Setting<TimeSpan> Get(string key, Setting<TimeSpan> fallback) => cf.Time(key) is { } v ? Setting<TimeSpan>.From(v.Entry, v.Value) : fallback;
        var keepalive = Get("keepalive", BuiltinDefaults.Keepalive);
        var deadtime = Get("deadtime", BuiltinDefaults.Deadtime);
        var warntime = Get("warntime", Setting<TimeSpan>.Default(deadtime.Value / 2, "Heartbeat 3 default warntime: half the deadtime"));
        var initDefault = deadtime.Value > TimeSpan.FromSeconds(10) ? deadtime.Value
            : deadtime.Value < TimeSpan.FromSeconds(6) ? TimeSpan.FromSeconds(12) : deadtime.Value * 2;
        var initdead = Get("initdead", Setting<TimeSpan>.Default(initDefault, "Heartbeat 3 default initdead (config.c: deadtime above 10 s, else twice it, at least 12 s)"));
        return new HeartbeatTimings(n.Name, keepalive, deadtime, warntime, initdead);
    }

    private static DrbdTimings DrbdOf(string node, DrbdResource r)
    {
        Setting<TimeSpan> Get(string key, double unitSeconds, Setting<TimeSpan> fallback) =>
            r.Find("net", key) is { } e && LeadingNumber(e.Value) is { } v ? Setting<TimeSpan>.From(e, TimeSpan.FromSeconds(v * unitSeconds)) : fallback;
        var timeout = Get("timeout", 0.1, BuiltinDefaults.DrbdTimeout);
        var pingInt = Get("ping-int", 1, BuiltinDefaults.DrbdPingInt);
        var old = r.Syntax == DrbdSyntax.Drbd07;
        var answer = old
            ? timeout with { Source = $"DRBD 0.7 has no ping-timeout: the ping's answer is awaited for timeout ({timeout.Source})" }
            : Get("ping-timeout", 0.1, BuiltinDefaults.DrbdPingTimeout);
        return new DrbdTimings(node, r.Syntax, timeout, pingInt, answer, old ? BuiltinDefaults.DrbddiskRetryWindow07 : BuiltinDefaults.DrbddiskRetryWindow);
    }

    private static ClientTimings ClientOf(NodeConfiguration c, string? vendor)
    {
        var record = c.IscsiRecords.FirstOrDefault();
        Setting<TimeSpan> Iscsi(string key, Setting<TimeSpan> fallback)
        {
            if (record?.Get(key) is { } e && LeadingNumber(e.Value) is { } v) return Setting<TimeSpan>.From(e, TimeSpan.FromSeconds(v), "node record");
            if (c.Iscsid?.Get(key) is { } f && LeadingNumber(f.Value) is { } w)
                return Setting<TimeSpan>.From(f, TimeSpan.FromSeconds(w), record is null ? "iscsid.conf; node records not collected" : "iscsid.conf");
            return fallback;
        }

        var noopInterval = Iscsi("node.conn[0].timeo.noop_out_interval", BuiltinDefaults.NoopInterval);
        var noopTimeout = Iscsi("node.conn[0].timeo.noop_out_timeout", BuiltinDefaults.NoopTimeout);
        var replacement = Iscsi("node.session.timeo.replacement_timeout", BuiltinDefaults.ReplacementTimeout);

        var conf = c.Multipath;
        var shown = c.MultipathShown;
        var wwid = (shown ?? conf)?.Multipaths.Select(m => m.Entry("wwid")?.Value).FirstOrDefault(w => w is not null);
        MultipathSetting? Resolve(string key)
        {
            var a = conf?.Resolve(key, wwid, vendor);
            var b = shown?.Resolve(key, wwid, vendor);
            if (a is null || b is null) return b ?? a;
            return a.Entry.Value == b.Entry.Value ? a : b with { Section = $"{b.Section}; multipath.conf says {a.Entry.Value} at {a.Entry.Location}, multipathd runs this" };
        }

        var poll = conf?.Defaults?.Entry("polling_interval") ?? shown?.Defaults?.Entry("polling_interval");
        var polling = poll is not null && LeadingNumber(poll.Value) is { } p ? Setting<TimeSpan>.From(poll, TimeSpan.FromSeconds(p)) : BuiltinDefaults.PollingInterval;
        var npr = Resolve("no_path_retry") is { } n && NoPathRetry.Parse(n.Entry.Value) is { } nv
            ? Setting<NoPathRetry>.From(n.Entry, nv, n.Section)
            : BuiltinDefaults.NoPathRetry;
        Setting<TimeSpan?> fast = Resolve("fast_io_fail_tmo") is { } ff
            ? Setting<TimeSpan?>.From(ff.Entry, LeadingNumber(ff.Entry.Value) is { } fs and > 0 ? TimeSpan.FromSeconds(fs) : null, ff.Section)
            : BuiltinDefaults.FastIoFailTmo;
        var recovery = conf is not null || shown is not null
            ? fast.Value is { } fv
                ? Setting<TimeSpan>.Default(fv, $"multipathd sets the session's recovery timeout from fast_io_fail_tmo ({fast.Source}), which wins over replacement_timeout; {RecoveryMeasurement}") with { At = fast.At }
                : replacement with { Source = $"{replacement.Source} (fast_io_fail_tmo off: multipathd leaves the session's replacement_timeout)" }
            : replacement;
        var portals = c.IscsiRecords.Select(r => r.Portal).Concat(c.IscsiNodes.Select(e => e.Portal)).Distinct(StringComparer.Ordinal).ToArray();
        return new ClientTimings(c.Name, noopInterval, noopTimeout, replacement, fast, recovery, polling, npr, portals);
    }

    private static double? LeadingNumber(string text)
    {
        var t = text.Trim();
        var end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || t[end] == '.')) end++;
        return end > 0 && double.TryParse(t[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
