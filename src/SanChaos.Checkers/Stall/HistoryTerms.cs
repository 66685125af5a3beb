using System.Globalization;
using SanChaos.Checkers.Reading;
using SanChaos.Config.Budget;
using SanChaos.Core.History;

namespace SanChaos.Checkers.Stall;

/// <summary>
/// The budget's machine-dependent terms as this scenario's own failover measured them on the running lab:
/// <list type="bullet">
/// <item>resource group start: from the new owner declaring its peer dead (<c>hb.node-dead</c>) to its target running
/// (<c>target.state</c> 1): Heartbeat's own work, drbddisk's wait for DRBD, LVM, both IPaddr2 and the target, as long as
/// they took on this machine today;</item>
/// <item>iSCSI re-login: from that target running to the client's first session logged in again
/// (<c>iscsi.session</c> LOGGED_IN).</item>
/// </list>
/// A term the history lacks (no takeover seen, the client never logged in again) keeps the lab's figure
/// (<see cref="MeasuredTerms"/> from lab up, or the documented not-measured range).
/// </summary>
internal static class HistoryTerms
{
    /// <summary>The terms of <paramref name="lab"/> with those <paramref name="m"/> measured put over them.</summary>
    /// <param name="m">The failover read from the history.</param>
    /// <param name="events">The history, in time order.</param>
    /// <param name="labName">The lab's name, for the source.</param>
    /// <param name="lab">The terms known before the scenario (lab up, or not measured).</param>
    public static MeasuredTerms Over(MeasuredFailover m, IReadOnlyList<HistoryEvent> events, string labName, MeasuredTerms lab)
    {
        var terms = lab;
        var owner = m.TargetUp?.Node();
        var dead = owner is null ? null : events.FirstOrDefault(e => e.Wall >= m.Fault && e.Kind == NodeEventKinds.NodeDead && e.Node() == owner);
        if (dead is not null && m.TargetUp is { } up && up.Wall > dead.Wall)
        {
            terms = terms with
            {
                ResourceGroupStart = MeasuredTerm.Measured(TimeRange.Exactly(up.Wall - dead.Wall),
                    $"measured on lab {labName} at {EventData.Clock(dead.Wall)}, in this scenario: {owner} declared {dead.Text("peer") ?? "its peer"} dead " +
                    $"({dead.Where()}), its target ran at {EventData.Clock(up.Wall)} ({up.Where()}): {Seconds(up.Wall - dead.Wall)}"),
            };
            var login = events.FirstOrDefault(e => e.Wall >= up.Wall && e.Kind == NodeEventKinds.IscsiSession && e.Text("state") == "LOGGED_IN");
            if (login is not null)
                terms = terms with
                {
                    IscsiRelogin = MeasuredTerm.Measured(TimeRange.Exactly(login.Wall - up.Wall),
                        $"measured on lab {labName} at {EventData.Clock(up.Wall)}, in this scenario: {owner}'s target ran at {EventData.Clock(up.Wall)}, " +
                        $"{login.Node() ?? "the client"}'s session {login.Text("sid") ?? ""} logged in again at {EventData.Clock(login.Wall)} ({login.Where()}): {Seconds(login.Wall - up.Wall)}"),
                };
        }

        return terms;
    }

    private static string Seconds(TimeSpan d) => d.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture) + " s";
}
