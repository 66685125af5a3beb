using FluentAssertions;
using SanChaos.Labs.State;
using Xunit;

namespace SanChaos.Lab.Tests.State;

/// <summary>The one rule for Heartbeat's rscstatus against who holds the group, on the states seen on the embedded lab.</summary>
[Trait("Category", "unit")]
public sealed class HeartbeatBooksTests
{
    private static StorageNodeState Node(string name, HeartbeatResourceStatus rsc, bool holds) =>
        new(name, true, null, null, true, rsc, holds ? ["192.168.1.1", "192.168.2.1"] : [], holds, new Dictionary<string, string>());

    [Theory]
    [InlineData(HeartbeatResourceStatus.Local, true)]
    [InlineData(HeartbeatResourceStatus.All, true)]
    [InlineData(HeartbeatResourceStatus.Foreign, true)]
    [InlineData(HeartbeatResourceStatus.None, false)]
    [InlineData(HeartbeatResourceStatus.Transition, false)]
    [InlineData(HeartbeatResourceStatus.Unknown, false)]
    public void The_holder_is_settled_when_its_Heartbeat_says_it_holds_a_group(HeartbeatResourceStatus rsc, bool settled) =>
        HeartbeatBooks.HolderSettled(Node("weasel", rsc, holds: true)).Should().Be(settled);

    [Fact]
    public void The_idle_node_may_say_local_only_when_it_is_not_the_preferred_node()
    {
        // At lab up weasel (named first in haresources) holds; otter says local: its own, empty, group.
        HeartbeatBooks.IdleSettled(Node("otter", HeartbeatResourceStatus.Local, false), preferred: "weasel").Should().BeTrue();
        HeartbeatBooks.IdleSettled(Node("weasel", HeartbeatResourceStatus.Local, false), preferred: "weasel").Should().BeFalse();
        HeartbeatBooks.IdleSettled(Node("weasel", HeartbeatResourceStatus.None, false), preferred: "weasel").Should().BeTrue();
        HeartbeatBooks.IdleSettled(Node("otter", HeartbeatResourceStatus.Transition, false), preferred: "weasel").Should().BeFalse();
    }

    [Fact]
    public void Books_that_say_the_opposite_contradict_but_a_transition_does_not()
    {
        // Recorded after Heartbeat was killed on weasel (the holder) and started again.
        HeartbeatBooks.Contradict(Node("weasel", HeartbeatResourceStatus.None, true), Node("otter", HeartbeatResourceStatus.All, false)).Should().BeTrue();
        HeartbeatBooks.Contradict(Node("weasel", HeartbeatResourceStatus.Transition, true), Node("otter", HeartbeatResourceStatus.All, false)).Should().BeTrue();
        HeartbeatBooks.Contradict(Node("weasel", HeartbeatResourceStatus.Transition, true), Node("otter", HeartbeatResourceStatus.None, false)).Should().BeFalse();
        HeartbeatBooks.Claims(Node("otter", HeartbeatResourceStatus.All, false)).Should().BeTrue("a node whose books say all claims the group");
        HeartbeatBooks.Claims(Node("otter", HeartbeatResourceStatus.Local, false)).Should().BeFalse();
    }
}
