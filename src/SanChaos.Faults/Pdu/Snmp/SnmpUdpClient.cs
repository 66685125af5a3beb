using System.Net;
using System.Net.Sockets;

namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>
/// Sends one SNMP request over UDP and waits for the response with the same request-id, resending it up to
/// <c>retries</c> times (same request-id, so a late answer to an earlier copy still counts). Datagrams that are not
/// the answer are ignored and remembered for the timeout error. An ICMP port unreachable surfaces as a
/// <see cref="SocketException"/> with <see cref="SocketError.ConnectionRefused"/>.
/// </summary>
internal sealed class SnmpUdpClient
{
    private readonly IPEndPoint _agent;
    private readonly TimeSpan _timeout;
    private readonly int _retries;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for the agent at <paramref name="agent"/>.</summary>
    public SnmpUdpClient(IPEndPoint agent, TimeSpan timeout, int retries, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        _agent = agent;
        _timeout = timeout;
        _retries = retries;
        _time = time;
    }

    /// <summary>Sends <paramref name="request"/> and returns the matching response.</summary>
    /// <exception cref="SnmpNoResponseException">No answer on any attempt.</exception>
    /// <exception cref="SocketException">The agent's host said nothing listens on that port (ConnectionRefused), or another socket error.</exception>
    public async Task<SnmpMessage> RequestAsync(SnmpMessage request, CancellationToken ct)
    {
        var payload = request.Encode();
        using var socket = new Socket(_agent.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // A connected UDP socket only accepts datagrams from the agent and reports ICMP errors.
        await socket.ConnectAsync(_agent, ct).ConfigureAwait(false);
        var buffer = new byte[65_535];
        var ignored = new List<string>();
        for (var attempt = 0; attempt <= _retries; attempt++)
        {
            await socket.SendAsync(payload, SocketFlags.None, ct).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(_timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                while (true)
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, linked.Token).ConfigureAwait(false);
                    SnmpMessage response;
                    try
                    {
                        response = SnmpMessage.Decode(buffer.AsSpan(0, n));
                    }
                    catch (BerFormatException e)
                    {
                        Remember(ignored, $"{n}-byte datagram that is not SNMP ({e.Message})");
                        continue;
                    }

                    if (response.PduType == SnmpPduType.GetResponse && response.RequestId == request.RequestId) return response;
                    Remember(ignored, $"{response.PduType} with request-id {response.RequestId} (expected {request.RequestId})");
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // This attempt timed out; send again.
            }
        }

        throw new SnmpNoResponseException(_retries + 1, _timeout, string.Join("; ", ignored));
    }

    private static void Remember(List<string> ignored, string what)
    {
        if (ignored.Count < 3) ignored.Add(what);
    }
}
