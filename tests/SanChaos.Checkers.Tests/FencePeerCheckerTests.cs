using FluentAssertions;
using SanChaos.Checkers.Fencing;
using SanChaos.Checkers.Tests.Support;
using Xunit;

namespace SanChaos.Checkers.Tests;

/// <summary>
/// The fence-peer checker on kernel lines as the timeline rules read them. DRBD's own lines are those recorded on the
/// embedded lab on 2026-12-07 (fencing resource-only, eth1 cut on the primary weasel: "helper command: /sbin/drbdadm
/// fence-peer r0 exit code 4", "fence-peer helper returned 4 (peer was fenced)"); the peer's states are what
/// `drbdadm dstate r0` printed there: "Outdated/DUnknown" after a real fence, "UpToDate/UpToDate" after `drbdadm outdate`
/// ran on the peer while it was still Connected (exit 0, nothing outdated: the packaged handler's race).
/// </summary>
public sealed class FencePeerCheckerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 21, 57, 10, TimeSpan.Zero);

    private static HistoryBuilder Fenced(string peerDisk) => new HistoryBuilder(KillPrimary.Lab)
        .Line("weasel", "K", T0, "drbd r0: helper command: /sbin/drbdadm fence-peer r0")
        .Line("weasel", "K", T0.AddSeconds(1.24), "drbd r0: fence-peer helper returned 4 (peer was fenced)")
        .Line("weasel", "K", T0.AddSeconds(1.6), $"sanchaos-fence: fence-peer r0 on weasel returned 4; peer 172.16.1.1 disk {peerDisk}");

    [Fact]
    public void A_fence_the_peer_confirms_is_valid()
    {
        var v = new FencePeerChecker().Check(Fenced("Outdated/DUnknown").Input());
        v.Status.Should().Be(VerdictStatus.Valid);
        v.Summary.Should().Contain("returned 4, peer Outdated/DUnknown");
        v.Figures!["calls"].Should().Be(1);
    }

    [Fact]
    public void Peer_was_fenced_while_the_peer_stayed_up_to_date_is_invalid_with_both_lines()
    {
        var v = new FencePeerChecker().Check(Fenced("UpToDate/UpToDate").Input());
        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Contain("returned 4 (peer was fenced) 1 time(s) while the peer's disk stayed UpToDate/UpToDate").And.Contain("weasel");
        v.Evidence.Select(e => e.What).Should().Contain(w => w.Contains("fence-peer helper returned 4 (peer was fenced)"))
            .And.Contain(w => w.Contains("peer 172.16.1.1 disk UpToDate/UpToDate right after it"));
        v.Figures!["not_fenced"].Should().Be(1);
    }

    [Fact]
    public void A_claim_that_could_not_be_checked_is_unknown_and_a_call_without_the_wrapper_line_too()
    {
        new FencePeerChecker().Check(Fenced("unreachable").Input()).Status.Should().Be(VerdictStatus.Unknown);
        var noWrapper = new HistoryBuilder(KillPrimary.Lab).Line("weasel", "K", T0, "drbd r0: fence-peer helper returned 4 (peer was fenced)");
        var v = new FencePeerChecker().Check(noWrapper.Input());
        v.Status.Should().Be(VerdictStatus.Unknown);
        v.Summary.Should().Contain("no peer disk state was recorded");
    }

    [Fact]
    public void No_call_at_all_says_so()
    {
        var v = new FencePeerChecker().Check(new HistoryBuilder(KillPrimary.Lab).Input());
        v.Status.Should().Be(VerdictStatus.Valid);
        v.Summary.Should().Be("no fence-peer call in this scenario");
    }
}
