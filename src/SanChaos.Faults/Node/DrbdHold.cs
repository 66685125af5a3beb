using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Faults.Catalog;

namespace SanChaos.Faults.Node;

/// <summary>
/// DRBD's replication as a held service (<see cref="ISettingHold"/>) for the DRBD settings of a drill: held by
/// disconnecting the storage nodes that stayed up (<see cref="NodeFaultCommands.DrbdHold"/>), so a node booting with the
/// drill's setting in its resource file cannot connect until its file is restored; settled by <c>drbdadm adjust all</c>
/// on every storage node (<see cref="NodeFaultCommands.DrbdSettle"/>) and a wait until every one of them is connected
/// (Connected, or resyncing) within <see cref="FaultCatalogOptions.DrbdReconnectTimeout"/>, or until a StandAlone side
/// shows that it dropped the connection over a split brain (<see cref="NodeFaultCommands.DrbdSplitBrainSeen"/>: the SAN's
/// finding, not a failed settle).
/// </summary>
internal sealed class DrbdHold(string resource, IReadOnlyList<string> storageNodes, NodeShell shell, FaultCatalogOptions options) : ISettingHold
{
    /// <summary>The connection states of a DRBD 8.4 resource that is connected to its peer (resync and verify included).</summary>
    public static readonly IReadOnlySet<string> ConnectedStates = new HashSet<string>(StringComparer.Ordinal)
    {
        "Connected", "SyncSource", "SyncTarget", "PausedSyncS", "PausedSyncT", "VerifyS", "VerifyT", "Ahead", "Behind",
        "StartingSyncS", "StartingSyncT", "WFBitMapS", "WFBitMapT", "WFSyncUUID",
    };

    public string Name => $"DRBD resource {resource}";

    private Dictionary<string, string> Values => new() { ["resource"] = resource };

    private string Hold => NodeFaultCommands.Fill(shell.Commands.DrbdHold, Values);

    private string Settle => NodeFaultCommands.Fill(shell.Commands.DrbdSettle, Values);

    private string State => NodeFaultCommands.Fill(shell.Commands.DrbdConnectionState, Values);

    private string SplitBrainSeen => NodeFaultCommands.Fill(shell.Commands.DrbdSplitBrainSeen, Values);

    public async Task<string> HoldAsync(IReadOnlyCollection<string> nodesOff, CancellationToken ct)
    {
        var up = storageNodes.Where(n => !nodesOff.Contains(n)).ToArray();
        if (up.Length == 0) return $"nothing to hold: every storage node ({string.Join(", ", storageNodes)}) is off";
        var did = new List<string>();
        foreach (var node in up)
            did.Add($"{node} {NodeShell.FirstLine(await shell.RunAsync(node, Hold,
                $"Check DRBD on {node} (`cat /proc/drbd`); the booting {string.Join(" and ", nodesOff)} may connect with the drill's setting: " +
                $"after restoring its {resource}.res run `drbdadm adjust all` on both storage nodes.", ct).ConfigureAwait(false))}");
        return $"disconnected until {string.Join(" and ", nodesOff)} {(nodesOff.Count == 1 ? "has its" : "have their")} setting back: {string.Join(", ", did)}";
    }

    public async Task<string> SettleAsync(CancellationToken ct)
    {
        foreach (var node in storageNodes)
            await shell.RunWhenUpAsync(node, Settle,
                $"Run `drbdadm adjust all` on {node} by hand and read `cat /proc/drbd`; `drbdadm adjust` must accept the restored {resource}.res.", ct).ConfigureAwait(false);
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        string? splitBrain = null;
        await Wait.UntilAsync($"{Name} connected on {string.Join(" and ", storageNodes)}", async t =>
            {
                foreach (var node in storageNodes)
                {
                    try
                    {
                        states[node] = NodeShell.FirstLine(await shell.RunAsync(node, State, $"Read `cat /proc/drbd` on {node}.", t).ConfigureAwait(false));
                    }
                    catch (SanChaosException e)
                    {
                        states[node] = $"unknown ({e.Problem})";
                    }
                }

                var text = string.Join(", ", storageNodes.Select(n => $"{n} {states[n]}"));
                if (storageNodes.All(n => ConnectedStates.Contains(states[n]))) return Probe.Yes(text);
                // Apart over a split brain the SAN made: every setting is back, so the settle is done; the split-brain
                // checker judges the split and the lab's recovery resolves it (a repair of this scenario).
                foreach (var node in storageNodes.Where(n => states[n] == "StandAlone"))
                    if (NodeShell.FirstLine(await shell.RunAsync(node, SplitBrainSeen, $"Read `dmesg | grep drbd` on {node}.", t).ConfigureAwait(false)) == "split-brain")
                    {
                        splitBrain = node;
                        return Probe.Yes(text);
                    }

                return Probe.No(text);
            }, options.DrbdReconnectTimeout, TimeSpan.FromSeconds(2), options.Time,
            $"the DRBD pair did not reconnect after its settings were restored: read `cat /proc/drbd` and the kernel log (`dmesg | grep drbd`) on " +
            $"{string.Join(" and ", storageNodes)}; a StandAlone side after \"incompatible\" lines still has a drill setting (compare /etc/drbd.d/{resource}.res), " +
            "one after \"Split-Brain detected\" needs the split-brain recovery (the next drill's baseline does it on a disposable lab).", ct).ConfigureAwait(false);
        return splitBrain is null
            ? "connected: " + string.Join(", ", storageNodes.Select(n => $"{n} {states[n]}"))
            : $"settings restored; not reconnected: {splitBrain} dropped the connection over a split brain (the SAN's, judged by split-brain): " +
              string.Join(", ", storageNodes.Select(n => $"{n} {states[n]}"));
    }

    public IReadOnlyList<string> DescribeHold(IReadOnlyCollection<string> nodesOff) =>
        storageNodes.Where(n => !nodesOff.Contains(n))
            .Select(n => $"hold {Name} on {n} while {string.Join(" and ", nodesOff)} boot{(nodesOff.Count == 1 ? "s" : "")} with the drill's setting: `{Hold}`").ToArray();

    public IReadOnlyList<string> DescribeSettle() =>
    [
        .. storageNodes.Select(n => $"settle {Name} on {n}: `{Settle}`"),
        $"wait until {Name} is connected on {string.Join(" and ", storageNodes)} (`{State}`, up to {Core.Time.Durations.Format(options.DrbdReconnectTimeout)})",
    ];
}
