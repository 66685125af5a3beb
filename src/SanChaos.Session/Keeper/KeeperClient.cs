using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SanChaos.Core.Errors;

namespace SanChaos.Session.Keeper;

/// <summary>One connection to a lab keeper's control socket; requests are answered one at a time, in order.</summary>
public sealed class KeeperClient : IDisposable
{
    private readonly Socket _socket;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;

    private KeeperClient(Socket socket, string path)
    {
        _socket = socket;
        _path = path;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamReader(stream, Encoding.UTF8);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>Connects to the keeper at <paramref name="paths"/>.</summary>
    /// <exception cref="SanChaosException">No keeper answers there.</exception>
    public static KeeperClient Connect(KeeperPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(paths.Socket));
            return new KeeperClient(socket, paths.Socket);
        }
        catch (Exception e) when (e is SocketException or UnauthorizedAccessException)
        {
            socket.Dispose();
            throw new SanChaosException($"No lab keeper answers on {paths.Socket}: {e.Message}.",
                "start one with `sanchaos lab up --detach` (as root: the socket is root's only); `sanchaos lab status` says whether one died.", e);
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns the keeper's answer; throws its problem when it failed.</summary>
    /// <exception cref="SanChaosException">The keeper could not do it, or went away.</exception>
    public async Task<KeeperResponse> SendAsync(KeeperRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            string? line;
            try
            {
                await _writer.WriteLineAsync(JsonSerializer.Serialize(request, KeeperJson.Options).AsMemory(), ct).ConfigureAwait(false);
                line = await _reader.ReadLineAsync(ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw Gone(request, e);
            }

            var answer = line is null ? throw Gone(request, null) : JsonSerializer.Deserialize<KeeperResponse>(line, KeeperJson.Options)!;
            if (!answer.Ok)
                throw new SanChaosException($"The lab keeper could not {request.Op}{Target(request)}: {answer.Problem}", answer.Remedy ?? "see the keeper's log.");
            return answer;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The synchronous form of <see cref="SendAsync"/>, for the yes/no questions of the lab interfaces.</summary>
    public KeeperResponse Send(KeeperRequest request) => SendAsync(request).GetAwaiter().GetResult();

    private SanChaosException Gone(KeeperRequest request, Exception? e) =>
        new($"The lab keeper on {_path} went away during {request.Op}{Target(request)}.",
            "`sanchaos lab status` says whether it died (its lab is then reaped by the next `sanchaos lab up` or `lab down`).", e);

    private static string Target(KeeperRequest r) => r.Node is null ? "" : $" {r.Node} {r.Nic}";

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
        _socket.Dispose();
        _gate.Dispose();
    }
}
