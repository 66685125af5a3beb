using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Remote;
using SanChaos.Observers.Capture;
using Xunit;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>Runs alone (no other test's capture or injection thread sits in a namespace meanwhile).</summary>
[CollectionDefinition(nameof(NamespaceIsolationTests), DisableParallelization = true)]
public sealed class NamespaceIsolationCollection;

/// <summary>Entering a namespace moves the capture thread only: every other thread of the process stays where it was.</summary>
[Trait("Category", "netns")]
[Collection(nameof(NamespaceIsolationTests))]
public sealed class NamespaceIsolationTests : CaptureTestBase
{
    [Fact]
    public async Task Only_the_capture_thread_enters_the_namespace()
    {
        await using var net = await TestNetwork.StorageAAsync();
        var labNs = (await HostCommand.RunCheckedAsync(["readlink", "/proc/self/ns/net"], net.Switch, ct: Ct)).StandardOutput.Trim();
        var ownNs = Netns.OfCurrentThread();
        var processNs = new FileInfo("/proc/self/ns/net").LinkTarget;
        ownNs.Should().NotBe(labNs);

        var capture = await NetworkCapture.StartAsync(CapturePoint.InNamespace("storage-a", net.Switch, "br-a"), Path.Combine(Dir, "a.pcap"), ct: Ct);
        int tid;
        Dictionary<int, string?> others;
        try
        {
            tid = capture.CaptureThreadId!.Value;
            others = Directory.GetDirectories("/proc/self/task").Select(d => int.Parse(Path.GetFileName(d)))
                .Where(t => t != tid).ToDictionary(t => t, Netns.OfThread);
            Netns.OfThread(tid).Should().Be(labNs, "the capture thread entered the lab's namespace");
        }
        finally
        {
            await capture.StopAsync(Ct);
        }

        others.Should().NotBeEmpty();
        others.Where(kv => kv.Value is not null).Should().OnlyContain(kv => kv.Value == processNs,
            "no other thread of the process changed namespace");
        Netns.OfCurrentThread().Should().Be(ownNs);
        await Wait.UntilAsync("the capture thread ends", _ => Task.FromResult(Netns.OfThread(tid) is null ? Probe.Yes() : Probe.No("still there")),
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20), ct: Ct);
    }
}
