using System.Globalization;
using SanChaos.Core.History;
using SanChaos.Faults;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Provisioning;
using SanChaos.Observers;
using SanChaos.Observers.Capture;
using SanChaos.Observers.Timeline;

namespace SanChaos.Checkers.Tests.Support;

/// <summary>
/// Assembles a history the way the drill's observers and fault set record it: node lines go through the real
/// timeline rules (<see cref="TimelineInterpreter"/>), pcaps through <see cref="PcapReader"/> and <see cref="ArpDecoder"/>;
/// faults, stream losses and planted claims get the observers' kinds, sources and data keys.
/// </summary>
internal sealed class HistoryBuilder(LabInventory inventory)
{
    private static readonly IReadOnlyList<TimelineRule> Rules = TimelineRules.From(CommandCatalog.Default);
    private readonly List<HistoryEvent> _events = [];
    private readonly Dictionary<string, TimelineInterpreter> _interpreters = new(StringComparer.Ordinal);

    public LabInventory Inventory { get; } = inventory;

    public IReadOnlyList<HistoryEvent> Events => HistoryFile.InTimeOrder(_events.Select((e, i) => e with { Sequence = i }));

    public CheckInput Input(string? artifacts = null) => new(Events, Inventory, artifacts);

    public HistoryBuilder Add(DateTimeOffset at, string kind, string source, string message, params (string Key, string Value)[] data)
    {
        _events.Add(new HistoryEvent(_events.Count, at.UtcTicks, at, kind, source, message, data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal)));
        return this;
    }

    public HistoryBuilder AddAll(IEnumerable<HistoryEvent> events)
    {
        foreach (var e in events) _events.Add(e with { Sequence = _events.Count });
        return this;
    }

    public HistoryBuilder Remove(Func<HistoryEvent, bool> where)
    {
        _events.RemoveAll(e => where(e));
        return this;
    }

    /// <summary>Raw observe_* lines of <paramref name="node"/> (<c>TAG SECONDS TEXT</c>) up to <paramref name="until"/>, as the timeline observer records them.</summary>
    public HistoryBuilder NodeLines(string node, IEnumerable<string> lines, DateTimeOffset? until = null)
    {
        var interpreter = Interpreter(node);
        foreach (var line in lines.Select(NodeLine.Parse).OfType<NodeLine>())
        {
            if (until is { } u && line.NodeTime >= u) break;
            foreach (var e in interpreter.Interpret(line))
                Add(e.NodeTime, e.Kind, "timeline", $"{node}: {e.Message}", [.. e.Data.Select(kv => (kv.Key, kv.Value))]);
        }

        return this;
    }

    /// <summary>One line a node prints, e.g. <c>Line("weasel", "K", t, "block drbd0: role( Secondary -&gt; Primary )")</c>.</summary>
    public HistoryBuilder Line(string node, string tag, DateTimeOffset at, string text) => NodeLines(node, [Raw(tag, at, text)]);

    public static string Raw(string tag, DateTimeOffset at, string text) =>
        $"{tag} {((at - DateTimeOffset.UnixEpoch).Ticks / 10_000_000m).ToString("0.000000", CultureInfo.InvariantCulture)} {text}";

    public HistoryBuilder TimelineStarted(DateTimeOffset at) =>
        Add(at, ObserverEventKinds.Started, "timeline", "timeline of otter, weasel, badger", ("observer", "timeline"), ("nodes", "otter,weasel,badger"));

    public HistoryBuilder TimelineStopped(DateTimeOffset at) => Add(at, ObserverEventKinds.Stopped, "timeline", "timeline stopped");

    /// <summary>The node stopped answering (the observer forgets its sampled state, as it does).</summary>
    public HistoryBuilder StreamLost(string node, DateTimeOffset at, string why = "observation stream ended (exit 255: Connection timed out)")
    {
        Interpreter(node).Reset();
        return Add(at, ObserverEventKinds.StreamLost, "timeline", $"{node}: {why}", ("node", node), ("exit", "255"), ("stderr", why));
    }

    public HistoryBuilder StreamBack(string node, DateTimeOffset at) => Add(at, ObserverEventKinds.StreamBack, "timeline", $"{node}: answering again", ("node", node));

    /// <summary>A fault as FaultSet records it: injecting, injected (with its facts), and, when healed, healing and healed.</summary>
    public HistoryBuilder Fault(string name, string descriptor, string? node, DateTimeOffset injected, DateTimeOffset? healed = null, TimeSpan? injecting = null)
    {
        (string, string)[] data = node is null ? [("descriptor", descriptor)] : [("descriptor", descriptor), ("node", node)];
        Add(injected - (injecting ?? TimeSpan.FromMilliseconds(50)), EventKinds.FaultInjecting, name, $"{name}: injecting", ("descriptor", descriptor));
        Add(injected, EventKinds.FaultInjected, name, $"{name}: injected", data);
        if (healed is not { } h) return this;
        Add(h.AddMilliseconds(-50), FaultEventKinds.Healing, name, $"{name}: healing", ("descriptor", descriptor));
        return Add(h, EventKinds.FaultHealed, name, $"{name}: healed", data);
    }

    /// <summary>Every ARP frame of a pcap before <paramref name="until"/>, as the capture observer records gratuitous ARPs and replies.</summary>
    public HistoryBuilder Capture(string network, string pcap, DateTimeOffset until)
    {
        foreach (var frame in PcapReader.ReadFileAsync(pcap).GetAwaiter().GetResult())
            if (ArpDecoder.Decode(frame, network) is { } f && f.Time < until && (f.IsGratuitous || f.Kind == ArpKind.Reply))
                Claim(f.Time, network, f.SenderIp.ToString(), f.SenderMac, f.IsGratuitous, f.TargetIp.ToString(), f.TargetMac);
        return Add(until, NetEventKinds.CaptureStats, "capture", $"{network}: capture stopped", (NetEventKeys.Network, network), (NetEventKeys.Error, ""));
    }

    /// <summary>A gratuitous ARP (or an ordinary reply) claiming <paramref name="ip"/> for <paramref name="mac"/>.</summary>
    public HistoryBuilder Claim(DateTimeOffset at, string network, string ip, string mac, bool gratuitous = true, string? targetIp = null, string targetMac = "ff:ff:ff:ff:ff:ff")
    {
        var macs = MacDirectory.FromInventory(Inventory);
        var node = macs.NodeOf(mac) ?? "";
        (string, string)[] data = [(NetEventKeys.Ip, ip), (NetEventKeys.Mac, mac), (NetEventKeys.Node, node), (NetEventKeys.Network, network),
            (NetEventKeys.TargetIp, targetIp ?? ip), (NetEventKeys.TargetMac, targetMac)];
        return gratuitous
            ? Add(at, NetEventKinds.Garp, "capture", $"{node} ({mac}) announced {ip} on {network} (gratuitous request)",
                [.. data, (NetEventKeys.Form, "request"), (NetEventKeys.EthernetDestination, "ff:ff:ff:ff:ff:ff")])
            : Add(at, NetEventKinds.ArpReply, "capture", $"{ip} is at {mac} ({node}), told {targetIp ?? ip} on {network}",
                [.. data, (NetEventKeys.TargetNode, macs.NodeOf(targetMac) ?? "")]);
    }

    private TimelineInterpreter Interpreter(string node)
    {
        if (!_interpreters.TryGetValue(node, out var i))
            _interpreters[node] = i = new TimelineInterpreter(node, Rules, Inventory.FloatingIps.Select(f => f.Address.Address.ToString()));
        return i;
    }
}
