using System.Collections.Concurrent;
using SanChaos.Core.Waiting;
using SanChaos.Observers.Capture;
using Xunit;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>What the namespace tests share: a temporary artifact directory, the test's token, waiting, one common scenario.</summary>
public abstract class CaptureTestBase : IDisposable
{
    /// <summary>A fresh directory for pcap files and logs, removed after the test.</summary>
    protected string Dir { get; } = Directory.CreateTempSubdirectory("sanchaos-capture-").FullName;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Waits up to 10 s for <paramref name="done"/> (the one wait primitive).</summary>
    protected static Task UntilAsync(string what, Func<bool> done) =>
        Wait.UntilAsync(what, _ => Task.FromResult(done() ? Probe.Yes() : Probe.No("not yet")), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), ct: Ct);

    /// <summary>
    /// Captures at <paramref name="point"/> (on <see cref="TestNetwork.StorageAAsync"/>) while otter announces
    /// 192.168.1.1 (send_arp) and badger resolves it: four frames. Returns what the callback saw and the counters.
    /// </summary>
    internal static async Task<(ArpFrame[] Frames, CaptureStats Stats)> AnnounceAndResolveAsync(TestNetwork net, CapturePoint point, string file)
    {
        var seen = new ConcurrentQueue<ArpFrame>();
        var capture = await NetworkCapture.StartAsync(point, file, onArp: seen.Enqueue, ct: Ct);
        CaptureStats stats;
        try
        {
            await net.InjectAsync("otter", "eth2", TestNetwork.SendArp(CaptureFixtures.OtterA, "192.168.1.1"));
            await net.SendUdpAsync("badger", "192.168.1.1");
            await UntilAsync("4 ARP frames captured", () => seen.Count >= 4);
        }
        finally
        {
            stats = await capture.StopAsync(Ct);
        }

        return (seen.ToArray(), stats);
    }
}
