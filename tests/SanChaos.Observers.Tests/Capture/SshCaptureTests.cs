using FluentAssertions;
using SanChaos.Labs.Remote;
using SanChaos.Observers.Capture;
using Xunit;
using static SanChaos.Observers.Tests.Capture.CaptureFixtures;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>
/// The rack's way: <c>tcpdump -U -w -</c> on a capture host, streamed as bytes over a real SSH connection
/// (<see cref="SshNode"/> with <c>RemoteStreamOptions.Binary</c>). The "capture host" is an OpenSSH server started by
/// the test inside the test's switch namespace, on that namespace's own loopback; the harness's ssh client enters the
/// namespace with <c>ip netns exec</c> (the node's command prefix), as it does for the embedded lab.
/// </summary>
[Trait("Category", "netns")]
public sealed class SshCaptureTests : CaptureTestBase
{
    [Fact]
    public async Task Streams_a_binary_pcap_over_ssh_and_reads_tcpdumps_counters()
    {
        Assert.SkipUnless(File.Exists("/usr/sbin/sshd"), "needs OpenSSH's server: apt-get install openssh-server");
        await using var net = await TestNetwork.CreateAsync("br-a");
        await net.AddHostAsync("badger", "eth1", "br-a", BadgerA, "192.168.1.10/24");
        await net.AddHostAsync("otter", "eth2", "br-a", OtterA, "192.168.1.2/24", "192.168.1.1/24");
        var key = Path.Combine(Dir, "client_key");
        foreach (var k in new[] { "host_key", "client_key" })
            await HostCommand.RunCheckedAsync(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "sanchaos-test", "-f", Path.Combine(Dir, k)], ct: Ct);
        File.Copy(key + ".pub", Path.Combine(Dir, "authorized_keys"));
        Directory.CreateDirectory("/run/sshd");
        var config = Path.Combine(Dir, "sshd_config");
        await File.WriteAllLinesAsync(config,
        [
            "Port 2222", "ListenAddress 127.0.0.1", $"HostKey {Dir}/host_key", $"PidFile {Dir}/sshd.pid",
            $"AuthorizedKeysFile {Dir}/authorized_keys", "UsePAM no", "PermitRootLogin prohibit-password", "PasswordAuthentication no",
            "KbdInteractiveAuthentication no", "StrictModes no", "LogLevel ERROR",
        ], Ct);
        net.StartProcess(["ip", "netns", "exec", net.Switch, "/usr/sbin/sshd", "-D", "-e", "-f", config]);
        await using var host = new SshNode(new SshNodeOptions("capture-host", "127.0.0.1")
        {
            Port = 2222,
            IdentityFile = key,
            ControlDirectory = Path.Combine(Dir, "c"),
            CommandPrefix = ["ip", "netns", "exec", net.Switch],
        });
        await host.WaitUntilReachableAsync(TimeSpan.FromSeconds(20), ct: Ct);

        var file = Path.Combine(Dir, "capture-storage-a.pcap");

        var (seen, stats) = await AnnounceAndResolveAsync(net, CapturePoint.Remote("storage-a", host, "br-a"), file);

        seen.Select(f => f.Kind).Should().BeEquivalentTo([ArpKind.GratuitousRequest, ArpKind.GratuitousReply, ArpKind.Request, ArpKind.Reply]);
        stats.Should().BeEquivalentTo(new { Received = 4L, Dropped = 0L, Packets = 4L, Error = (string?)null });
        (await HostCommand.RunCheckedAsync(["tcpdump", "-r", file, "-n"], ct: Ct)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(4);
        var left = await HostCommand.RunCheckedAsync(["bash", "-c", $"ip netns pids {net.Switch} | xargs -r ps -o comm= -p"], ct: Ct);
        left.StandardOutput.Should().Contain("sshd").And.NotContain("tcpdump", "closing the stream ended tcpdump on the capture host");
    }
}
