using FluentAssertions;
using SanChaos.Observers.Capture;
using Xunit;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>
/// The pcaps tcpdump recorded on the embedded lab's storage bridges while weasel lost power and otter took over
/// (Fixtures/kill-primary, see Fixtures/README.md): the stream reader and the decoder on real send_arp output.
/// </summary>
[Trait("Category", "unit")]
public sealed class LabTakeoverPcapTests
{
    private const string Otter = "52:54:00:01:02:01";

    private static async Task<IReadOnlyList<ArpFrame>> Frames(string network) =>
        (await PcapReader.ReadFileAsync(Path.Combine("Fixtures", "kill-primary", $"capture-{network}.pcap")))
        .Select(f => ArpDecoder.Decode(f, network)).OfType<ArpFrame>().ToArray();

    [Theory]
    [InlineData("storage-a", "192.168.1.1", Otter)]
    [InlineData("storage-b", "192.168.2.1", "52:54:00:01:03:01")]
    public async Task The_new_owner_announces_its_floating_ip_in_request_and_reply_pairs_100_ms_apart(string network, string ip, string mac)
    {
        var garps = (await Frames(network)).Where(f => f.IsGratuitous).ToArray();
        garps.Should().HaveCount(10, "send_arp -r 5 sends five request/reply pairs");
        garps.Should().OnlyContain(f => f.SenderIp.ToString() == ip && f.SenderMac == mac);
        garps.Select(f => f.Form).Should().Equal(Enumerable.Repeat(new[] { "request", "reply" }, 5).SelectMany(x => x));
        var gaps = garps.Zip(garps.Skip(1), (a, b) => (b.Time - a.Time).TotalMilliseconds).ToArray();
        gaps.Should().OnlyContain(g => g > 80 && g < 200, "send_arp sends every 100 ms here (-i 200 between pairs)");
        (garps[0].Time.Ticks % 10).Should().Be(0, "microsecond timestamps");
    }

    [Fact]
    public async Task After_the_announcements_badger_s_ordinary_reply_is_decoded_with_both_ends() =>
        (await Frames("storage-a")).Should().Contain(f => f.Kind == ArpKind.Reply && f.SenderIp.ToString() == "192.168.1.10"
                                                          && f.SenderMac == "52:54:00:03:02:01" && f.TargetMac == Otter);
}
