using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using SanChaos.Labs.Remote;
using SanChaos.Observers.Capture;
using SharpPcap;
using SharpPcap.LibPcap;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>
/// Throw-away Ethernet segments on this host, each address only inside network namespaces named
/// <c>sanchaos-test-&lt;random&gt;-*</c>: one namespace holding the bridges (<c>br-a</c>, <c>br-b</c>...), one namespace per
/// host with a veth into its bridge, its MAC and address. Nothing is created in the root namespace; everything is
/// deleted on dispose (processes started through <see cref="StartProcess"/> are killed by PID first).
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly List<System.Diagnostics.Process> _processes = [];

    private TestNetwork(string id) => Id = id;

    public string Id { get; }

    /// <summary>The namespace holding the bridges.</summary>
    public string Switch => $"sanchaos-test-{Id}-sw";

    public string HostNamespace(string host) => $"sanchaos-test-{Id}-{host}";

    /// <summary>Creates the switch namespace with one bridge per name in <paramref name="bridges"/>.</summary>
    public static async Task<TestNetwork> CreateAsync(params string[] bridges)
    {
        var net = new TestNetwork(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]));
        try
        {
            await net.AddNamespaceAsync(net.Switch);
            foreach (var b in bridges)
            {
                await Ip(net.Switch, "link", "add", b, "type", "bridge", "stp_state", "0", "forward_delay", "0");
                await Ip(net.Switch, "link", "set", b, "up");
            }
        }
        catch
        {
            await net.DisposeAsync();
            throw;
        }

        return net;
    }

    /// <summary>storage-a: badger .10, otter .2 holding the floating .1, weasel .3; MACs as in lab/embedded.yaml.</summary>
    public static async Task<TestNetwork> StorageAAsync()
    {
        var net = await CreateAsync("br-a");
        try
        {
            await net.AddHostAsync("badger", "eth1", "br-a", CaptureFixtures.BadgerA, "192.168.1.10/24");
            await net.AddHostAsync("otter", "eth2", "br-a", CaptureFixtures.OtterA, "192.168.1.2/24", "192.168.1.1/24");
            await net.AddHostAsync("weasel", "eth2", "br-a", CaptureFixtures.WeaselA, "192.168.1.3/24");
            return net;
        }
        catch
        {
            await net.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds host <paramref name="host"/> (its own namespace) cabled to <paramref name="bridge"/> as <paramref name="nic"/>.</summary>
    public async Task AddHostAsync(string host, string nic, string bridge, string mac, params string[] addresses)
    {
        var ns = HostNamespace(host);
        if (!_namespaces.Contains(ns)) await AddNamespaceAsync(ns);
        var port = $"p{_namespaces.Count}{nic}"[..Math.Min(15, $"p{_namespaces.Count}{nic}".Length)];
        await Ip(Switch, "link", "add", port, "type", "veth", "peer", "name", nic, "netns", ns);
        await Ip(Switch, "link", "set", port, "master", bridge, "up");
        await Ip(ns, "link", "set", nic, "address", mac);
        foreach (var a in addresses) await Ip(ns, "addr", "add", a, "dev", nic);
        await Ip(ns, "link", "set", nic, "up");
    }

    private async Task AddNamespaceAsync(string ns)
    {
        await HostCommand.RunCheckedAsync(["ip", "netns", "add", ns]);
        _namespaces.Add(ns);
        await Ip(ns, "link", "set", "lo", "up");
    }

    public static Task Ip(string ns, params string[] args) => HostCommand.RunCheckedAsync(["ip", "-n", ns, .. args]);

    /// <summary>Sends one UDP datagram from <paramref name="host"/> to <paramref name="to"/> (an address of another test host): the kernel ARPs for it.</summary>
    public Task SendUdpAsync(string host, string to) =>
        HostCommand.RunAsync(["bash", "-c", $"echo x > /dev/udp/{to}/9"], HostNamespace(host));

    /// <summary>Injects raw Ethernet frames on <paramref name="nic"/> of <paramref name="host"/>, from a thread of its own inside the host's namespace.</summary>
    public Task InjectAsync(string host, string nic, params byte[][] frames) =>
        Netns.RunOnOwnThreadAsync(HostNamespace(host), "inject " + host, () =>
        {
            var pi = PcapInterface.GetAllPcapInterfaces().First(i => i.Name == nic);
            using var dev = new LibPcapLiveDevice(pi);
            dev.Open(new DeviceConfiguration { Mode = DeviceModes.None, ReadTimeout = 100 });
            foreach (var f in frames) dev.SendPacket(f);
            return frames.Length;
        });

    /// <summary>An ARP frame: Ethernet <paramref name="ethDst"/> from <paramref name="senderMac"/>.</summary>
    public static byte[] Arp(ArpOperation op, string senderMac, string senderIp, string targetMac, string targetIp, string ethDst)
    {
        var arp = new ArpPacket(op, PhysicalAddress.Parse(targetMac), IPAddress.Parse(targetIp), PhysicalAddress.Parse(senderMac), IPAddress.Parse(senderIp));
        var eth = new EthernetPacket(PhysicalAddress.Parse(senderMac), PhysicalAddress.Parse(ethDst), EthernetType.Arp) { PayloadPacket = arp };
        return eth.Bytes;
    }

    /// <summary>Heartbeat's send_arp: a gratuitous request, then a gratuitous reply (both broadcast).</summary>
    public static byte[][] SendArp(string mac, string ip) =>
    [
        Arp(ArpOperation.Request, mac, ip, "00:00:00:00:00:00", ip, "ff:ff:ff:ff:ff:ff"),
        Arp(ArpOperation.Response, mac, ip, "ff:ff:ff:ff:ff:ff", ip, "ff:ff:ff:ff:ff:ff"),
    ];

    /// <summary>Starts a process (killed by its PID on dispose).</summary>
    public System.Diagnostics.Process StartProcess(IReadOnlyList<string> argv)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        var p = System.Diagnostics.Process.Start(psi)!;
        _processes.Add(p);
        return p;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill();
                await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
            }

            p.Dispose();
        }

        var problems = new List<string>();
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            var r = await HostCommand.RunAsync(["ip", "netns", "delete", ns]);
            if (!r.Succeeded) problems.Add($"{ns}: {r.StandardError.Trim()}");
        }

        if (problems.Count > 0) throw new InvalidOperationException("test namespaces left behind: " + string.Join("; ", problems));
    }
}
