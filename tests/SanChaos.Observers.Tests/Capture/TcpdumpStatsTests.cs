using FluentAssertions;
using SanChaos.Observers.Capture;
using Xunit;

namespace SanChaos.Observers.Tests.Capture;

[Trait("Category", "unit")]
public sealed class TcpdumpStatsTests
{
    [Fact]
    public void Parses_what_tcpdump_prints_when_killed()
    {
        const string stderr = "tcpdump: listening on br0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n" +
                              "13 packets captured\n14 packets received by filter\n2 packets dropped by kernel\n1 packet dropped by interface\n";

        TcpdumpStats.Parse(stderr).Should().Be((14L, 2L, 1L));
    }

    [Fact]
    public void A_counter_tcpdump_did_not_print_is_unknown()
    {
        TcpdumpStats.Parse("0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n").Should().Be((0L, 0L, (long?)null));
        TcpdumpStats.Parse("bash: tcpdump: command not found\n").Should().Be(((long?)null, (long?)null, (long?)null));
    }

    [Fact]
    public void Builds_a_packet_buffered_pcap_command_with_the_filter_quoted()
    {
        var point = CapturePoint.Remote("storage-a", new FakeStreamingNode("tap"), "eth1");

        TcpdumpPacketSource.Build(point, new CaptureOptions { Filter = "arp or (tcp port 3260 and host 192.168.1.1)" })
            .Should().Be("exec tcpdump -i eth1 -U -w - -s 262144 -B 4096 --immediate-mode 'arp or (tcp port 3260 and host 192.168.1.1)'");
        TcpdumpPacketSource.Build(point, new CaptureOptions { Filter = "it's", Promiscuous = false })
            .Should().EndWith(" -p 'it'\\''s'");
    }

    [Fact]
    public void Reads_interface_drops_from_proc_net_dev()
    {
        const string text = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
               br0:    1288      28    0    7    0     0          0        16      936      14    0    0    0     0       0          0
            """;

        ProcNetDev.Parse(text, "br0").Should().Be(7);
        ProcNetDev.Parse(text, "lo").Should().Be(0);
        ProcNetDev.Parse(text, "eth9").Should().BeNull();
    }

    [Theory]
    [InlineData("eth0; rm -rf /")]
    [InlineData("a-name-longer-than-15")]
    [InlineData("")]
    public void Refuses_interface_names_a_shell_would_read_twice(string name)
    {
        var act = () => CapturePoint.Local("storage-a", name);

        act.Should().Throw<ArgumentException>().WithMessage("*not a network interface name*");
    }
}
