using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Serial;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Serial;

/// <summary>
/// The relay of a serial cable between two VMs whose serial ports are TCP servers (the Vagrant lab): here each "VM" is a
/// listener on 127.0.0.1 that the relay connects to, as it connects to VirtualBox's tcpserver UART or QEMU's socket chardev.
/// </summary>
[Trait("Category", "unit")]
public sealed class TcpSerialRelayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task Until(string what, Func<bool> condition) =>
        Wait.UntilAsync(what, _ => Task.FromResult(condition() ? Probe.Yes() : Probe.No("not yet")),
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10), ct: Ct);

    [Fact]
    public async Task Carries_every_byte_value_unchanged_both_ways()
    {
        await using var cable = await Cable.ConnectAsync();
        var (relay, a, b) = (cable.Relay, cable.Otter, cable.Weasel);
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await a.SendAsync(all, Ct);
        (await ReadAsync(b, all.Length)).Should().Equal(all);
        var back = all.Reverse().ToArray();
        await b.SendAsync(back, Ct);
        (await ReadAsync(a, back.Length)).Should().Equal(back);

        relay.Counters.AToB.Forwarded.Should().Be(256);
        relay.Counters.BToA.Forwarded.Should().Be(256);
        relay.IsRunning.Should().BeTrue();
    }

    [Fact]
    public async Task A_pulled_cable_drops_bytes_both_ways_and_plugging_it_back_carries_them_again()
    {
        await using var cable = await Cable.ConnectAsync();
        var (relay, a, b) = (cable.Relay, cable.Otter, cable.Weasel);

        relay.Pull();
        relay.Pull(); // idempotent
        relay.IsPlugged.Should().BeFalse();
        await a.SendAsync("heartbeat from otter"u8.ToArray(), Ct);
        await b.SendAsync("heartbeat from weasel"u8.ToArray(), Ct);
        await Until("both heartbeats dropped", () => relay.Counters.AToB.DroppedPulled == 20 && relay.Counters.BToA.DroppedPulled == 21);
        b.Available.Should().Be(0);
        a.Available.Should().Be(0);

        relay.Plug();
        relay.IsPlugged.Should().BeTrue();
        await a.SendAsync("again"u8.ToArray(), Ct);
        (await ReadAsync(b, 5)).Should().Equal("again"u8.ToArray());
    }

    [Fact]
    public async Task A_vm_without_power_gets_nothing_and_its_port_is_connected_again_when_it_boots()
    {
        await using var cable = await Cable.ConnectAsync();
        var (relay, a) = (cable.Relay, cable.Otter);
        var weaselPort = cable.WeaselVm.Endpoint;

        // weasel loses power: its port closes, and nothing listens until it boots.
        cable.Weasel.Dispose();
        cable.WeaselVm.Dispose();
        await Until("weasel disconnected", () => !relay.IsConnected("weasel"));
        await a.SendAsync("lost"u8.ToArray(), Ct);
        await Until("bytes toward weasel dropped", () => relay.Counters.AToB.DroppedOff == 4);

        // weasel boots: its serial port listens on the same port again and the relay finds it.
        using var booted = new SerialPortVm(weaselPort.Port);
        using var b2 = await booted.AcceptAsync();
        await Until("weasel connected again", () => relay.IsConnected("weasel"));
        await a.SendAsync("found"u8.ToArray(), Ct);
        (await ReadAsync(b2, 5)).Should().Equal("found"u8.ToArray(), "nothing of the bytes sent while it was off");
    }

    [Fact]
    public async Task Disposing_stops_the_relay_and_closes_both_connections()
    {
        using var otter = new SerialPortVm();
        using var weasel = new SerialPortVm();
        var relay = TcpSerialRelay.Start("otter", otter.Endpoint, "weasel", weasel.Endpoint);
        using var a = await otter.AcceptAsync();
        using var b = await weasel.AcceptAsync();

        await relay.DisposeAsync();
        await relay.DisposeAsync(); // idempotent

        relay.IsRunning.Should().BeFalse();
        (await a.ReceiveAsync(new byte[1], Ct)).Should().Be(0, "the relay closed its end");
        FluentActions.Invoking(() => TcpSerialRelay.Start("otter", otter.Endpoint, "otter", weasel.Endpoint)).Should().Throw<ArgumentException>();
    }

    /// <summary>Two VMs' serial ports and the relay between them, both ends connected.</summary>
    private sealed record Cable(SerialPortVm OtterVm, SerialPortVm WeaselVm, TcpSerialRelay Relay, Socket Otter, Socket Weasel) : IAsyncDisposable
    {
        public static async Task<Cable> ConnectAsync()
        {
            var otter = new SerialPortVm();
            var weasel = new SerialPortVm();
            var relay = TcpSerialRelay.Start("otter", otter.Endpoint, "weasel", weasel.Endpoint);
            var cable = new Cable(otter, weasel, relay, await otter.AcceptAsync(), await weasel.AcceptAsync());
            await Until("both ends connected", () => relay.IsConnected("otter") && relay.IsConnected("weasel"));
            return cable;
        }

        public async ValueTask DisposeAsync()
        {
            await Relay.DisposeAsync();
            Otter.Dispose();
            Weasel.Dispose();
            OtterVm.Dispose();
            WeaselVm.Dispose();
        }
    }

    private static async Task<byte[]> ReadAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0) break;
            read += n;
        }

        return buffer[..read];
    }

    /// <summary>A VM's serial port as a TCP server on 127.0.0.1 (a free port, or the given one).</summary>
    private sealed class SerialPortVm : IDisposable
    {
        private readonly TcpListener _listener;

        public SerialPortVm(int port = 0)
        {
            _listener = new TcpListener(IPAddress.Loopback, port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
        }

        public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

        public Task<Socket> AcceptAsync() => _listener.AcceptSocketAsync(Ct).AsTask();

        public void Dispose() => _listener.Dispose();
    }
}
