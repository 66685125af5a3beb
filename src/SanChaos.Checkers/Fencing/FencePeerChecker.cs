using System.Globalization;
using SanChaos.Checkers.Reading;
using SanChaos.Core.History;

namespace SanChaos.Checkers.Fencing;

/// <summary>
/// Did DRBD's fence-peer handler do what it told DRBD? With <c>fencing resource-only</c> a disconnected primary runs the
/// handler; exit 4 ("peer was fenced") lets it go on alone because the peer's disk is supposed to be Outdated now, so
/// the peer cannot be promoted later. The drbd-fencing fault's evidence wrapper asks the peer for its disk state right
/// after each call (timeline kind <c>drbd.fence-peer</c>). Invalid when a call returned 4 and the peer still reported
/// UpToDate: the fence did not happen (DRBD's packaged outdate-peer.sh trusts <c>drbdadm outdate</c>'s exit code, which
/// is 0 on a peer that has not yet noticed the disconnect). Valid when every call's claim matches the peer's state, or
/// with the number of calls when there were none; Unknown when a claim of 4 could not be checked (peer unreachable).
/// </summary>
public sealed class FencePeerChecker : IChecker
{
    /// <inheritdoc />
    public string Name => "fence-peer";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var calls = input.Events.Where(e => e.Kind == NodeEventKinds.DrbdFencePeer).ToArray();
        var results = input.Events.Where(e => e.Kind == NodeEventKinds.DrbdFencePeerResult).ToArray();
        var figures = new Dictionary<string, double>
        {
            ["calls"] = calls.Length,
            ["fenced_claims"] = calls.Count(c => c.Text("rv") == "4"),
        };
        if (calls.Length == 0)
            return (results.Length == 0
                ? Verdict.Valid(Name, "no fence-peer call in this scenario")
                : Verdict.Unknown(Name, $"DRBD ran its fence-peer handler {results.Length} time(s), but no peer disk state was recorded after it " +
                                        "(the drbd-fencing fault's evidence wrapper did not report)", [.. results.Select(r => r.Cite())])) with { Figures = figures };

        var lies = calls.Where(c => c.Text("rv") == "4" && c.Text("peer_disk") is { } d && d.StartsWith("UpToDate", StringComparison.Ordinal)).ToArray();
        var unchecked_ = calls.Where(c => c.Text("rv") == "4" && c.Text("peer_disk") is null or "unreachable").ToArray();
        var evidence = calls.Select(c => c.Cite(Describe(c))).Concat(results.Select(r => r.Cite())).OrderBy(e => e.At).ToArray();
        figures["not_fenced"] = lies.Length;
        var verdict = lies.Length > 0
            ? Verdict.Invalid(Name, $"the fence-peer handler returned 4 (peer was fenced) {lies.Length} time(s) while the peer's disk stayed " +
                                    $"{lies[0].Text("peer_disk")}: first on {lies[0].Text("node")} at {EventData.Clock(lies[0].Wall)}", evidence)
            : unchecked_.Length > 0
                ? Verdict.Unknown(Name, $"the fence-peer handler returned 4 {unchecked_.Length} time(s), but the peer's disk state could not be read after it", evidence)
                : Verdict.Valid(Name, $"{calls.Length} fence-peer call(s), each as the peer's disk state after it says: " +
                                      string.Join(", ", calls.Select(c => $"returned {c.Text("rv")}, peer {c.Text("peer_disk")}")), evidence);
        return verdict with { Figures = figures };
    }

    private static string Describe(HistoryEvent c) => string.Create(CultureInfo.InvariantCulture,
        $"fence-peer {c.Text("resource")} on {c.Text("node")} returned {c.Text("rv")}; peer {c.Text("peer")} disk {c.Text("peer_disk")} right after it");
}
