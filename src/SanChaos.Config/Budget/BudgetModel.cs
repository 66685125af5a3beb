using SanChaos.Config.Drbd;
using SanChaos.Config.Timing;

namespace SanChaos.Config.Budget;

/// <summary>The terms the fault budgets share, computed once from a configuration and the measured terms.</summary>
internal sealed class BudgetModel
{
    public BudgetModel(SutConfiguration config, MeasuredTerms measured)
    {
        Config = config;
        Measured = measured;
        PrimaryName = config.Primary?.Name ?? "the primary";
        StandbyName = config.Standby?.Name ?? "the standby";
        var t = config.Timings;
        Hb = t.Heartbeat(StandbyName) ?? t.Heartbeat(PrimaryName)
             ?? new HeartbeatTimings(StandbyName, BuiltinDefaults.Keepalive, BuiltinDefaults.Deadtime,
                 Setting<TimeSpan>.Default(BuiltinDefaults.Deadtime.Value / 2, "Heartbeat 3 default"), Setting<TimeSpan>.Default(BuiltinDefaults.Deadtime.Value, "Heartbeat 3 default"));
        Drbd = t.Drbd(StandbyName) ?? t.Drbd(PrimaryName)
               ?? new DrbdTimings(StandbyName, DrbdSyntax.Drbd8, BuiltinDefaults.DrbdTimeout, BuiltinDefaults.DrbdPingInt, BuiltinDefaults.DrbdPingTimeout, BuiltinDefaults.DrbddiskRetryWindow);
        Client = t.Client ?? new ClientTimings("the client", BuiltinDefaults.NoopInterval, BuiltinDefaults.NoopTimeout, BuiltinDefaults.ReplacementTimeout,
            BuiltinDefaults.FastIoFailTmo, Setting<TimeSpan>.Default(BuiltinDefaults.FastIoFailTmo.Value!.Value, "no client configuration: multipath-tools default fast_io_fail_tmo"),
            BuiltinDefaults.PollingInterval, BuiltinDefaults.NoPathRetry, []);
        Resource = config.Standby?.DrbdResource ?? config.Primary?.DrbdResource;
    }

    public SutConfiguration Config { get; }

    public MeasuredTerms Measured { get; }

    public string PrimaryName { get; }

    public string StandbyName { get; }

    public HeartbeatTimings Hb { get; }

    public DrbdTimings Drbd { get; }

    public ClientTimings Client { get; }

    public DrbdResource? Resource { get; }

    public TimeRange HbDetection => new(Hb.Detection.Min, Hb.Detection.Max);

    public BudgetTerm HeartbeatDetection(string who) => new($"Heartbeat on {who} declares its peer dead (deadtime after the last heartbeat, which came up to one keepalive before the fault)",
        BudgetPhase.Detection, HbDetection, Origin(Hb.Deadtime, Hb.Keepalive), Hb.DetectionSource);

    /// <summary>How much later than Heartbeat DRBD can notice the lost peer (drbddisk cannot promote before).</summary>
    public TimeSpan DrbdLag => Max(TimeSpan.Zero, Drbd.PeerLossMax - Hb.Detection.Min);

    /// <summary>True when DRBD may notice the loss after drbddisk has given up.</summary>
    public bool PromotionMayFail => DrbdLag > Drbd.RetryWindow.Value;

    public BudgetTerm DrbdWait => new($"DRBD on {StandbyName} notices the lost peer; until then `drbdadm primary` is refused " +
            (Drbd.RetryWindow.Value > TimeSpan.Zero ? $"and drbddisk retries (for {Drbd.RetryWindow.Value.TotalSeconds:0.#} s)" : "and drbddisk does not retry"),
        BudgetPhase.Takeover, new TimeRange(TimeSpan.Zero, Min(DrbdLag, Drbd.RetryWindow.Value)), Origin(Drbd.PingInt, Drbd.PingAnswer, Drbd.Timeout),
        $"{Drbd.PeerLossSource}; {Drbd.RetryWindow.Source}");

    public BudgetTerm GroupStart => new($"{StandbyName} starts the resource group: {GroupText}", BudgetPhase.Takeover,
        Measured.ResourceGroupStart.Range, Measured.ResourceGroupStart.Origin, Measured.ResourceGroupStart.Source);

    public string GroupText
    {
        get
        {
            var group = (Config.Standby ?? Config.Primary)?.HaResources?.Groups.FirstOrDefault();
            return group is null ? "the resource group (no haresources collected)" : string.Join(", ", group.Resources.Select(r => r.IsIpAddress ? r.Text + " (gratuitous ARP)" : r.Text));
        }
    }

    public TimeRange NopDetection => new(Client.NopDetection.Min, Client.NopDetection.Max);

    public BudgetTerm Nop(string what) => new($"the initiator on {Client.Node} notices {what} by NOP-out (timeout, plus up to one interval until the next NOP-out)",
        BudgetPhase.Detection, NopDetection, Origin(Client.NoopInterval, Client.NoopTimeout), $"{Client.NoopInterval.Source}; {Client.NoopTimeout.Source}");

    public TimeSpan Recovery => Client.RecoveryTimeout.Value;

    public BudgetTerm RecoveryTerm => new("the session waits its recovery timeout, then fails the queued I/O to dm-multipath (the path fails)", BudgetPhase.Client,
        TimeRange.Exactly(Recovery), Origin(Client.RecoveryTimeout), Client.RecoveryTimeout.Source);

    public BudgetTerm QueueTerm => new(Client.QueueTime is { } q
            ? $"with every path down, dm-multipath queues I/O for no_path_retry × polling_interval, then fails it to the application"
            : "with every path down, dm-multipath queues I/O until a path returns (no_path_retry queue: no limit)",
        BudgetPhase.Client, TimeRange.Exactly(Client.QueueTime ?? TimeSpan.Zero), Origin(Client.NoPathRetry, Client.PollingInterval),
        $"{Client.NoPathRetry.Source}; {Client.PollingInterval.Source}");

    public BudgetTerm Relogin => new($"the initiator logs in again once the portal answers on {StandbyName}", BudgetPhase.Client,
        Measured.IscsiRelogin.Range, Measured.IscsiRelogin.Origin, Measured.IscsiRelogin.Source);

    public BudgetTerm PathCheck => new("multipathd's path checker sees the path back and reinstates it (next check within polling_interval)", BudgetPhase.Client,
        new TimeRange(TimeSpan.Zero, Client.PollingInterval.Value), Origin(Client.PollingInterval), Client.PollingInterval.Source);

    /// <summary>Yes when every value of <paramref name="exposure"/> exceeds <paramref name="limit"/>, Possible when some does; null limit (queue) never.</summary>
    public static Expectation Exceeds(TimeRange exposure, TimeSpan? limit) =>
        limit is not { } l ? Expectation.No : exposure.Min > l ? Expectation.Yes : exposure.Max > l ? Expectation.Possible : Expectation.No;

    public static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public static TermOrigin Origin<T1>(Setting<T1> a) => a.IsDefault ? TermOrigin.Default : TermOrigin.Configuration;

    public static TermOrigin Origin<T1, T2>(Setting<T1> a, Setting<T2> b) => a.IsDefault && b.IsDefault ? TermOrigin.Default : TermOrigin.Configuration;

    public static TermOrigin Origin<T1, T2, T3>(Setting<T1> a, Setting<T2> b, Setting<T3> c) =>
        a.IsDefault && b.IsDefault && c.IsDefault ? TermOrigin.Default : TermOrigin.Configuration;
}
