using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SanChaos.Core.Errors;
using SanChaos.Labs;

namespace SanChaos.Session.Keeper;

/// <summary>
/// A lab keeper's control socket: a Unix socket only root can open (mode 0600 in a 0700 folder), one JSON request per
/// line, one JSON answer per line. It forwards cable, serial, link and PDU operations to the lab it keeps, so that
/// other processes (drills, <c>sanchaos fault</c>) act on the one lab its owner holds, and answers <c>down</c> by
/// asking its owner to take the lab down.
/// </summary>
public sealed class KeeperServer : IAsyncDisposable
{
    private readonly IKeptLab _lab;
    private readonly KeeperPaths _paths;
    private readonly Func<KeeperDescription> _describe;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private KeeperServer(IKeptLab lab, KeeperPaths paths, Func<KeeperDescription> describe, Socket listener)
    {
        _lab = lab;
        _paths = paths;
        _describe = describe;
        _listener = listener;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Set when a client asked for <see cref="KeeperOps.Down"/>.</summary>
    public CancellationToken DownRequested => _downRequested.Token;

    private readonly CancellationTokenSource _downRequested = new();

    /// <summary>Starts listening on <see cref="KeeperPaths.Socket"/> (a stale socket file is replaced).</summary>
    /// <param name="lab">The lab kept (up).</param>
    /// <param name="paths">Where the socket goes.</param>
    /// <param name="describe">What <see cref="KeeperOps.Describe"/> answers.</param>
    public static KeeperServer Start(IKeptLab lab, KeeperPaths paths, Func<KeeperDescription> describe)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(paths);
        paths.EnsureDirectory();
        File.Delete(paths.Socket);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(paths.Socket));
        File.SetUnixFileMode(paths.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(8);
        return new KeeperServer(lab, paths, describe, listener);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        try
        {
            while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                KeeperResponse answer;
                try
                {
                    var request = JsonSerializer.Deserialize<KeeperRequest>(line, KeeperJson.Options)
                                  ?? throw new SanChaosException("An empty request reached the lab keeper.", "send one JSON object per line.");
                    answer = await HandleAsync(request).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    answer = new KeeperResponse
                    {
                        Problem = e is SanChaosException s ? s.Problem : $"{e.GetType().Name}: {e.Message}",
                        Remedy = e is SanChaosException r ? r.Remedy : $"see the keeper's log {_paths.Log}.",
                    };
                }

                await writer.WriteLineAsync(JsonSerializer.Serialize(answer, KeeperJson.Options)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the client went away, or the keeper is stopping
        }
    }

    private async Task<KeeperResponse> HandleAsync(KeeperRequest r)
    {
        var ct = _stop.Token;
        switch (r.Op)
        {
            case KeeperOps.Describe:
                return new KeeperResponse { Ok = true, Description = _describe() };
            case KeeperOps.Down:
                await _downRequested.CancelAsync().ConfigureAwait(false);
                return new KeeperResponse { Ok = true, Value = "taking the lab down" };
            case KeeperOps.Cut:
                await _lab.CutAsync(Need(r.Node, "node"), Need(r.Nic, "nic"), ct).ConfigureAwait(false);
                return Done();
            case KeeperOps.Restore:
                await _lab.RestoreAsync(Need(r.Node, "node"), Need(r.Nic, "nic"), ct).ConfigureAwait(false);
                return Done();
            case KeeperOps.IsCut:
                return new KeeperResponse { Ok = true, Flag = _lab.IsCut(Need(r.Node, "node"), Need(r.Nic, "nic")) };
            case KeeperOps.SerialPull:
                await _lab.PullAsync(ct).ConfigureAwait(false);
                return Done();
            case KeeperOps.SerialPlug:
                await _lab.PlugAsync(ct).ConfigureAwait(false);
                return Done();
            case KeeperOps.SerialPlugged:
                return new KeeperResponse { Ok = true, Flag = _lab.IsPlugged };
            case KeeperOps.Degrade:
                await _lab.DegradeAsync(Need(r.Node, "node"), Need(r.Nic, "nic"),
                    new LinkDegradation(TimeSpan.FromMilliseconds(r.DelayMs), TimeSpan.FromMilliseconds(r.JitterMs), r.LossPercent), ct).ConfigureAwait(false);
                return Done();
            case KeeperOps.Clean:
                await _lab.CleanAsync(Need(r.Node, "node"), Need(r.Nic, "nic"), ct).ConfigureAwait(false);
                return Done();
            case KeeperOps.PduAddress:
                var name = Need(r.Pdu, "pdu");
                var pdu = _lab.Inventory.Pdus.FirstOrDefault(p => p.Name == name)
                          ?? throw new SanChaosException($"The lab has no PDU '{name}'.", $"use one of: {string.Join(", ", _lab.Inventory.Pdus.Select(p => p.Name))}.");
                return new KeeperResponse { Ok = true, Value = _lab.AddressOf(pdu) };
            default:
                throw new SanChaosException($"The lab keeper does not know the operation '{r.Op}'.",
                    "use the sanchaos that started the keeper (`sanchaos lab status` shows it), or take the lab down and up again with this one.");
        }
    }

    private static KeeperResponse Done() => new() { Ok = true };

    private static string Need(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new SanChaosException($"The request has no {name}.", $"give the {name}.") : value;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        File.Delete(_paths.Socket);
        _stop.Dispose();
        _downRequested.Dispose();
    }
}
