using System.Globalization;
using SanChaos.Core.Time;
using SanChaos.Inventory.Model;

namespace SanChaos.Reporting.Environment;

/// <summary>The SUT settings that decide failover timing, by name, as text with units (environment.json <c>sut</c>).</summary>
public static class SutSettings
{
    /// <summary>The timing-relevant settings of <paramref name="sut"/>.</summary>
    public static IReadOnlyDictionary<string, string> From(SutConfig sut)
    {
        ArgumentNullException.ThrowIfNull(sut);
        var hb = sut.Heartbeat;
        var init = sut.Initiator;
        var mp = sut.Multipath;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build"] = sut.BuildName,
            ["heartbeat.keepalive"] = Durations.Format(hb.Keepalive),
            ["heartbeat.deadtime"] = Durations.Format(hb.Deadtime),
            ["heartbeat.warntime"] = Durations.Format(hb.Warntime),
            ["heartbeat.initdead"] = Durations.Format(hb.Initdead),
            ["heartbeat.auto-failback"] = hb.AutoFailback ? "on" : "off",
            ["heartbeat.paths"] = string.Join(" + ", new[] { hb.Bcast ? "bcast" : null, hb.Serial ? "serial" : null }.Where(p => p is not null)),
            ["drbd.protocol"] = sut.Drbd.Protocol.ToString(),
            ["target.implementation"] = sut.Target.Implementation,
            ["iscsi.noop-out-interval"] = Durations.Format(init.NoopOutInterval),
            ["iscsi.noop-out-timeout"] = Durations.Format(init.NoopOutTimeout),
            ["iscsi.replacement-timeout"] = Durations.Format(init.ReplacementTimeout),
            ["multipath.polling-interval"] = Durations.Format(mp.PollingInterval),
            ["multipath.no-path-retry"] = mp.NoPathRetry,
            ["multipath.path-checker"] = mp.PathChecker,
            ["multipath.fast-io-fail-tmo"] = mp.FastIoFailTmo is { } f ? Durations.Format(f) : "default",
            ["multipath.rr-min-io-rq"] = mp.RrMinIo.ToString(CultureInfo.InvariantCulture),
        };
    }
}
