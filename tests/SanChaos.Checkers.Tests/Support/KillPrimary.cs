using System.Globalization;
using SanChaos.Config;
using SanChaos.Config.Budget;
using SanChaos.Core;
using SanChaos.Faults;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;

namespace SanChaos.Checkers.Tests.Support;

/// <summary>
/// The real power loss of the primary recorded on the embedded lab (tests/SanChaos.Observers.Tests/Fixtures/kill-primary):
/// weasel, the primary, lost power at <see cref="PowerOff"/>; otter declared it dead ~10 s later, took the resource
/// group over (DRBD Primary, both floating IPs with gratuitous ARP, the target) and badger's paths failed, then came
/// back. weasel was powered on at <see cref="PowerOn"/>; its stream ends at the cut.
/// </summary>
internal static class KillPrimary
{
    public static readonly string Folder = Path.Combine(Repository.Root(), "tests", "SanChaos.Observers.Tests", "Fixtures", "kill-primary");

    private static readonly string[] Times = File.ReadAllText(Path.Combine(Folder, "times.txt")).Split(' ', StringSplitOptions.TrimEntries);

    public static readonly DateTimeOffset PowerOff = Seconds(Times[1]);

    public static readonly DateTimeOffset PowerOn = Seconds(Times[3]);

    /// <summary>badger's kernel: "session recovery timed out", every path failed, the I/O in flight failed with EIO.</summary>
    public static readonly DateTimeOffset PathsFailed = Seconds("1795966702.977800");

    /// <summary>badger's kernel: "Reinstating path 8:0": I/O completes again.</summary>
    public static readonly DateTimeOffset PathsBack = Seconds("1795966727.197420");

    /// <summary>otter announced 192.168.1.1 on storage-a (the first of send_arp's frames).</summary>
    public static readonly DateTimeOffset OtterGarpA = Seconds("1795966708.741874");

    /// <summary>otter's takeover complete (mach_down).</summary>
    public static readonly DateTimeOffset TakeoverComplete = Seconds("1795966715.721541");

    public const string OtterA = "52:54:00:01:02:01";
    public const string WeaselA = "52:54:00:02:02:01";
    public const string WeaselB = "52:54:00:02:03:01";
    public const string IpA = "192.168.1.1";
    public const string IpB = "192.168.2.1";
    public const string KillFault = "kill the primary";

    public static LabInventory Lab { get; } = InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml"));

    /// <summary>The seeds' configuration as collected from the embedded lab (tests/SanChaos.Config.Tests/Fixtures/embedded).</summary>
    public static SutConfiguration Configuration { get; } = SutConfiguration.Load(Path.Combine(Repository.Root(), "tests", "SanChaos.Config.Tests", "Fixtures", "embedded"));

    /// <summary>Measured on the embedded lab at lab up: the stock agents start the group in 35–55 s under UML.</summary>
    public static readonly MeasuredTerms Measured = MeasuredTerms.NotMeasured with
    {
        ResourceGroupStart = MeasuredTerm.Measured(TimeRange.Seconds(35, 55), "measured on lab embedded at lab up: 35-55 s under UML"),
    };

    /// <summary>The primary-power-loss budget of the seeds' configuration (no_path_retry fail: the application gets EIO).</summary>
    public static BudgetEstimate Budget(SutConfiguration? config = null) => FailoverBudget.For(FaultKind.PrimaryPowerLoss, config ?? Configuration, Measured);

    /// <summary>The seeds' configuration with <c>no_path_retry queue</c>: the application waits, it gets no errors.</summary>
    public static SutConfiguration Queueing() => SutConfiguration.Parse(Configuration.Collected
        .Edit("badger", "multipath.conf", s => s.Replace("no_path_retry           fail", "no_path_retry           queue", StringComparison.Ordinal))
        .Edit("badger", "multipathd-show-config.txt", s => s.Replace("\tno_path_retry \"fail\"", "\tno_path_retry queue", StringComparison.Ordinal)));

    /// <summary>
    /// The scenario's history until <paramref name="until"/> (default: the power-on): the three nodes' timelines, both
    /// captures, the fault (healed at the power-on when the history goes on past it), weasel's stream lost ~15 s after
    /// the cut (SSH keep-alive), and an I/O probe writing through the takeover (<paramref name="probe"/>, default
    /// <see cref="Probe"/>) unless <paramref name="withProbe"/> is false.
    /// </summary>
    public static HistoryBuilder History(ProbeRun? probe = null, bool withProbe = true, DateTimeOffset? until = null)
    {
        var end = until ?? PowerOn;
        var b = new HistoryBuilder(Lab).TimelineStarted(PowerOff.AddSeconds(-26));
        foreach (var node in new[] { "otter", "weasel", "badger" })
            b.NodeLines(node, File.ReadLines(Path.Combine(Folder, $"timeline-{node}.log")), end);
        b.Capture("storage-a", Path.Combine(Folder, "capture-storage-a.pcap"), end)
            .Capture("storage-b", Path.Combine(Folder, "capture-storage-b.pcap"), end)
            .Fault(KillFault, FaultKinds.KillPrimary, "weasel", PowerOff, end > PowerOn ? PowerOn : null)
            .StreamLost("weasel", PowerOff.AddSeconds(15.3))
            .TimelineStopped(end.AddSeconds(-0.5));
        if (withProbe) b.AddAll((probe ?? Probe()).Events(end));
        return b;
    }

    /// <summary>
    /// What an application writing through the multipath device saw in this recording (badger's kernel log): writes
    /// until the cut, the one in flight hanging until every path failed, then EIO until the paths were reinstated.
    /// </summary>
    public static ProbeRun Probe(TimeSpan? errorsFor = null, Func<long, long, string?>? readBack = null) =>
        ProbeRun.Scripted(PowerOff.AddSeconds(-20), PowerOn.AddSeconds(-1), PowerOff, PathsFailed, errorsFor is { } d ? PathsFailed + d : PathsBack, readBack: readBack);

    /// <summary>
    /// The planted case of issue 25 on this recording: the eth1 crossover cable was cut <paramref name="cutFor"/> before
    /// the power loss, so every write acknowledged from the cut until the power loss reached weasel alone (with the peer
    /// gone, DRBD acknowledges on the primary's disk), and otter took over without them: it serves, for each of the 128
    /// slots, the last write acknowledged before the cut. The probe writes from 60 s before the power loss and goes round
    /// its region several times during the cut and again after the takeover, so the read-back at the end finds every slot
    /// intact: only the reads before reuse and the samples see that the SAN went back in time.
    /// </summary>
    public static ProbeRun CutThenPowerLoss(TimeSpan? cutFor = null) =>
        ProbeRun.Scripted(PowerOff.AddSeconds(-60), PowerOn.AddSeconds(-1), PowerOff, PathsFailed, PathsBack, slots: 128,
            cutFrom: PowerOff - (cutFor ?? TimeSpan.FromSeconds(20)));

    public static DateTimeOffset Seconds(string s) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(decimal.Parse(s, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
}
