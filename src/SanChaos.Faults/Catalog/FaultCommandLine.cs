using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Core.Time;
using SanChaos.Labs;

namespace SanChaos.Faults.Catalog;

/// <summary>One fault as the command line names it: <c>cut-cable otter eth1</c>.</summary>
/// <param name="Kind">The kind (<see cref="FaultKinds"/>).</param>
/// <param name="Arguments">Its positional arguments, in words.</param>
/// <param name="Summary">What it does.</param>
/// <param name="Create">Builds the fault from the catalogue and the arguments.</param>
public sealed record FaultUsage(string Kind, string Arguments, string Summary, Func<FaultCatalog, IReadOnlyList<string>, IFault> Create)
{
    /// <summary><c>kind arguments</c>.</summary>
    public string Syntax => Arguments.Length == 0 ? Kind : $"{Kind} {Arguments}";
}

/// <summary>
/// The faults <c>sanchaos fault inject</c> knows, with their arguments: the same catalogue the drills use
/// (<see cref="FaultCatalog"/>), so a fault injected by hand is journalled, interlocked and healed like a drill's.
/// </summary>
public static class FaultCommandLine
{
    /// <summary>Every fault, in the order <c>fault list</c> shows them.</summary>
    public static IReadOnlyList<FaultUsage> All { get; } =
    [
        new(FaultKinds.PowerOffNode, "NODE", "power a node off at every PDU outlet feeding it",
            (c, a) => c.PowerOffNode(Arg(a, 0, "NODE"))),
        new(FaultKinds.KillPrimary, "", "power off whichever storage node holds the resource group",
            (c, _) => c.KillPrimary()),
        new(FaultKinds.PowerOffSwitch, "SWITCH", "power a switch off at its outlet",
            (c, a) => c.PowerOffSwitch(Arg(a, 0, "SWITCH"))),
        new(FaultKinds.CutCable, "NODE NIC", "cut the cable of one node interface (eth1 of a storage node: the crossover)",
            (c, a) => c.CutCable(Arg(a, 0, "NODE"), Arg(a, 1, "NIC"))),
        new(FaultKinds.PullSerialCable, "", "pull the null-modem heartbeat cable",
            (c, _) => c.PullSerialCable()),
        new(FaultKinds.KillHeartbeat, "NODE", "kill -9 Heartbeat's master process on a storage node",
            (c, a) => c.KillHeartbeat(Arg(a, 0, "NODE"))),
        new(FaultKinds.StopTarget, "NODE", "stop the iSCSI target on a storage node",
            (c, a) => c.StopTarget(Arg(a, 0, "NODE"))),
        new(FaultKinds.DegradeLink, "NODE NIC DELAY [LOSS%] [JITTER]", "netem on one link, e.g. `otter eth1 20ms 1 5ms`",
            (c, a) => c.DegradeLink(Arg(a, 0, "NODE"), Arg(a, 1, "NIC"), new LinkDegradation(
                Duration(Arg(a, 2, "DELAY")), a.Count > 4 ? Duration(a[4]) : TimeSpan.Zero, a.Count > 3 ? Number(a[3], "LOSS%") : 0))),
        new(FaultKinds.MultipathSetting, "CLIENT KEY VALUE", "set a multipath.conf option in overrides, e.g. `badger no_path_retry queue`",
            (c, a) => c.SetMultipath(Arg(a, 0, "CLIENT"), Arg(a, 1, "KEY"), Arg(a, 2, "VALUE"))),
        new(FaultKinds.IscsiReplacementTimeout, "CLIENT SECONDS", "open-iscsi replacement_timeout on records and sessions",
            (c, a) => c.SetReplacementTimeout(Arg(a, 0, "CLIENT"), TimeSpan.FromSeconds(Number(Arg(a, 1, "SECONDS"), "SECONDS")))),
        new(FaultKinds.DrbdSetting, "NODE SECTION KEY VALUE", "set a DRBD resource option, e.g. `otter net protocol A` (set it on both nodes)",
            (c, a) => c.SetDrbd(Arg(a, 0, "NODE"), Arg(a, 1, "SECTION"), Arg(a, 2, "KEY"), Arg(a, 3, "VALUE"))),
        new(FaultKinds.DrbdFencing, "POLICY", "DRBD fencing on both storage nodes: dont-care or resource-only (with the ssh fence-peer handler)",
            (c, a) => c.SetDrbdFencing(Arg(a, 0, "POLICY"))),
    ];

    /// <summary>The fault <paramref name="kind"/> with <paramref name="arguments"/>, from <paramref name="catalog"/>.</summary>
    /// <exception cref="SanChaosException">Unknown kind, or missing or malformed arguments (with the syntax).</exception>
    /// <exception cref="FaultRefusedException">The catalogue refuses it (an undeclared target, a node that is not a client...).</exception>
    public static IFault Create(FaultCatalog catalog, string kind, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(arguments);
        var usage = All.FirstOrDefault(u => u.Kind == kind)
                    ?? throw new SanChaosException($"There is no fault '{kind}'.", $"use one of: {string.Join(", ", All.Select(u => u.Kind))} (`sanchaos fault list`).");
        var max = usage.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (arguments.Count > max)
            throw new SanChaosException($"`{kind}` takes {(max == 0 ? "no arguments" : $"at most {max} argument(s)")}; got {arguments.Count}: {string.Join(" ", arguments)}.",
                $"write `sanchaos fault inject {usage.Syntax}`.");
        try
        {
            return usage.Create(catalog, arguments);
        }
        catch (ArgumentException e)
        {
            throw new SanChaosException($"`{kind} {string.Join(" ", arguments)}`: {e.Message}", $"write `sanchaos fault inject {usage.Syntax}`.", e);
        }
    }

    private static string Arg(IReadOnlyList<string> a, int i, string name) =>
        i < a.Count ? a[i] : throw new ArgumentException($"{name} is missing");

    private static TimeSpan Duration(string text)
    {
        var spaced = System.Text.RegularExpressions.Regex.Replace(text, @"^(\d+(?:\.\d+)?)([a-z]+)$", "$1 $2");
        return Durations.TryParse(spaced, out var t) ? t : throw new ArgumentException($"'{text}' is not a duration ({Durations.Forms}, or `20ms`)");
    }

    private static double Number(string text, string name) =>
        double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"{name} '{text}' is not a number");
}
