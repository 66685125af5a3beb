using Xunit;
using FluentAssertions;
using SanChaos.Labs.Serial;

namespace SanChaos.Lab.Tests.Unit.Serial;

[Trait("Category", "unit")]
[Collection(nameof(SerialRelayDisposeTests))]
public sealed class SerialRelayDisposeTests
{
    /// <summary>
    /// The process's descriptors of the kinds a relay opens (pty masters and slaves, eventfd, inotify), as
    /// "number -> target". Counting every descriptor in the process is not enough: an earlier test's
    /// pipes and sockets are still being closed by the runtime while this one runs (CI saw -6).
    /// </summary>
    private static Dictionary<string, string> RelayKindDescriptors() =>
        Directory.GetFiles("/proc/self/fd")
            .Select(f => (Fd: Path.GetFileName(f), Target: LinkTarget(f)))
            .Where(d => d.Target.StartsWith("/dev/pts/", StringComparison.Ordinal)
                        || d.Target == "/dev/ptmx"
                        || d.Target.Contains("eventfd", StringComparison.Ordinal)
                        || d.Target.Contains("inotify", StringComparison.Ordinal))
            .ToDictionary(d => d.Fd, d => d.Target);

    private static string LinkTarget(string fd)
    {
        try { return new FileInfo(fd).LinkTarget ?? ""; }
        catch (IOException) { return ""; }
    }

    private static string Kind(string target) =>
        target == "/dev/ptmx" ? "master" : target.StartsWith("/dev/pts/", StringComparison.Ordinal) ? "slave"
        : target.Contains("inotify", StringComparison.Ordinal) ? "inotify" : "eventfd";

    [Fact]
    public void Dispose_stops_the_thread_and_closes_every_descriptor()
    {
        // Warm up: the runtime opens what it lazily needs on first use.
        using (var warm = SerialRelay.Start("otter", "weasel"))
        using (var port = new NodePort(warm.SlavePathA))
            port.Write("x"u8);

        var before = RelayKindDescriptors();

        var relay = SerialRelay.Start("otter", "weasel");
        using (var otter = new NodePort(relay.SlavePathA))
        using (var weasel = new NodePort(relay.SlavePathB))
        {
            otter.Write("ping"u8);
            weasel.Read(4).Should().HaveCount(4);
        }

        var opened = RelayKindDescriptors().Where(d => !before.TryGetValue(d.Key, out var t) || t != d.Value)
            .ToDictionary(d => d.Key, d => d.Value);
        opened.Values.Select(Kind).Order().Should().Equal(
            new[] { "eventfd", "inotify", "master", "master", "slave", "slave" },
            "a running relay holds two masters, two spare slaves, one eventfd and one inotify instance");

        relay.Dispose();
        relay.Dispose(); // idempotent

        relay.IsRunning.Should().BeFalse();
        var after = RelayKindDescriptors();
        opened.Where(d => after.TryGetValue(d.Key, out var t) && t == d.Value).Should().BeEmpty(
            "every descriptor the relay opened is closed by Dispose");
        File.Exists(relay.SlavePathA).Should().BeFalse("the pty pair is gone once its master is closed");
    }
}
