using Xunit;
using FluentAssertions;
using SanChaos.Labs.Serial;

namespace SanChaos.Lab.Tests.Unit.Serial;

[Trait("Category", "unit")]
[Collection(nameof(SerialRelayDisposeTests))]
public sealed class SerialRelayDisposeTests
{
    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    private static string[] PtyDescriptors() =>
        Directory.GetFiles("/proc/self/fd")
            .Select(f => { try { return new FileInfo(f).LinkTarget ?? ""; } catch (IOException) { return ""; } })
            .Where(t => t.StartsWith("/dev/pts/", StringComparison.Ordinal) || t == "/dev/ptmx" || t.Contains("eventfd", StringComparison.Ordinal))
            .Order()
            .ToArray();

    [Fact]
    public void Dispose_stops_the_thread_and_closes_every_descriptor()
    {
        // Warm up: the runtime opens what it lazily needs on first use.
        using (var warm = SerialRelay.Start("otter", "weasel"))
        using (var port = new NodePort(warm.SlavePathA))
            port.Write("x"u8);

        var before = OpenDescriptors();
        var ptysBefore = PtyDescriptors();

        var relay = SerialRelay.Start("otter", "weasel");
        using (var otter = new NodePort(relay.SlavePathA))
        using (var weasel = new NodePort(relay.SlavePathB))
        {
            otter.Write("ping"u8);
            weasel.Read(4).Should().HaveCount(4);
        }

        OpenDescriptors().Should().Be(before + 5, "two masters, two spare slaves and one eventfd");
        relay.Dispose();
        relay.Dispose(); // idempotent

        relay.IsRunning.Should().BeFalse();
        PtyDescriptors().Should().Equal(ptysBefore);
        OpenDescriptors().Should().Be(before);
        File.Exists(relay.SlavePathA).Should().BeFalse("the pty pair is gone once its master is closed");
    }
}
