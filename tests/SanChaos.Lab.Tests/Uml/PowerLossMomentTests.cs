using System.Diagnostics;
using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Uml;
using Xunit;

namespace SanChaos.Lab.Tests.Uml;

/// <summary>
/// The instant of a power loss is the freeze of the node's process group (SIGSTOP), which <see cref="UmlMachine.KillGroupAsync"/>
/// returns: the embedded PDU reports it as its record of the switch. A `setsid sleep` plays the node's kernel (its own group).
/// </summary>
[Trait("Category", "unit")]
public sealed class PowerLossMomentTests
{
    private static async Task<(Process Process, long StartTicks)> GroupAsync()
    {
        var p = Process.Start(new ProcessStartInfo("setsid", ["sleep", "60"]) { UseShellExecute = false })!;
        // Until setsid has run, the child is still in our group: wait until it leads its own.
        await Wait.UntilAsync($"setsid sleep (pid {p.Id}) leads its own process group",
            _ => Task.FromResult(ProcessTable.Read(p.Id) is { } s && s.ProcessGroup == p.Id ? Probe.Yes("leads it") : Probe.No("not yet")),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10), TimeProvider.System, "", TestContext.Current.CancellationToken);
        return (p, ProcessTable.Read(p.Id)!.Value.StartTicks);
    }

    [Fact]
    public async Task Killing_a_group_returns_the_instant_it_was_frozen_before_its_processes_were_gone()
    {
        var (p, ticks) = await GroupAsync();
        using var _ = p;
        var before = DateTimeOffset.UtcNow;

        var frozen = await UmlMachine.KillGroupAsync("test group", p.Id, ticks, TimeProvider.System, TestContext.Current.CancellationToken);

        var after = DateTimeOffset.UtcNow;
        frozen.Should().NotBeNull();
        frozen!.Value.Should().BeOnOrAfter(before).And.BeOnOrBefore(after);
        ProcessTable.LiveGroupMembers(p.Id).Should().BeEmpty();
    }

    [Fact]
    public async Task A_pid_that_names_another_process_is_not_signalled_and_has_no_moment()
    {
        var (p, ticks) = await GroupAsync();
        using var _ = p;
        try
        {
            var frozen = await UmlMachine.KillGroupAsync("test group", p.Id, ticks + 1, TimeProvider.System, TestContext.Current.CancellationToken);

            frozen.Should().BeNull();
            ProcessTable.IsAlive(p.Id, ticks).Should().BeTrue("a reused pid is never signalled");
        }
        finally
        {
            p.Kill();
        }
    }
}
