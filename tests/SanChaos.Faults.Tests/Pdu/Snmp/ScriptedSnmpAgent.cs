using System.Net;
using System.Net.Sockets;
using SanChaos.Faults.Pdu.Snmp;

namespace SanChaos.Faults.Tests.Pdu.Snmp;

/// <summary>
/// A UDP SNMP agent on 127.0.0.1 whose answers the test scripts, for behaviours snmpd cannot be made to show
/// (a wrong value type, a stray datagram before the answer). Each request is decoded with the codec under test.
/// </summary>
public sealed class ScriptedSnmpAgent : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<SnmpMessage, IEnumerable<byte[]>> _answer;

    internal ScriptedSnmpAgent(Func<SnmpMessage, IEnumerable<byte[]>> answer)
    {
        _answer = answer;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    internal List<SnmpMessage> Requests { get; } = [];

    /// <summary>A response to <paramref name="request"/> carrying <paramref name="value"/> for its first varbind.</summary>
    internal static byte[] Reply(SnmpMessage request, SnmpValue value, SnmpErrorStatus status = SnmpErrorStatus.NoError) =>
        new SnmpMessage(request.Version, request.Community, SnmpPduType.GetResponse, request.RequestId, status, status == SnmpErrorStatus.NoError ? 0 : 1,
            [new VarBind(request.VarBinds[0].Oid, value)]).Encode();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            var r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            var request = SnmpMessage.Decode(buffer.AsSpan(0, r.ReceivedBytes));
            lock (Requests) Requests.Add(request);
            foreach (var datagram in _answer(request))
                await _socket.SendToAsync(datagram, SocketFlags.None, r.RemoteEndPoint, _stop.Token);
        }
    }
}
