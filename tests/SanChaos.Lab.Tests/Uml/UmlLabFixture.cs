using Xunit;
using System.Collections.Concurrent;
using SanChaos.Labs.Uml;

namespace SanChaos.Lab.Tests.Uml;

/// <summary>
/// The seeds' SAN (otter, weasel, badger) as an embedded lab, up for the tests of one class: builds or reuses the
/// image, brings the lab up, takes it down at the end. Records the host's root network namespace before, so tests can
/// check it never gains a lab address or route.
/// </summary>
public sealed class UmlLabFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _progress = new();
    private IUmlLab? _lab;

    /// <summary>The running lab.</summary>
    public IUmlLab Lab => _lab ?? throw new InvalidOperationException("the lab is not up");

    /// <summary>Runs directory used.</summary>
    public string RunsDirectory { get; } = UmlLabOptions.DefaultRunsDirectory;

    /// <summary>The root namespace before the lab.</summary>
    internal HostNetworkSnapshot? Before { get; private set; }

    /// <summary>Progress lines of the up.</summary>
    public IReadOnlyCollection<string> Progress => _progress;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Before = await HostNetworkSnapshot.TakeAsync(ct);
        var key = await UmlLab.EnsureSshKeyAsync(UmlLab.DefaultSshKeyFile, ct);
        var runId = "t" + Guid.NewGuid().ToString("N")[..7];
        _lab = UmlLab.Create(UmlTopology.SeedSan(runId, key), new UmlLabOptions
        {
            SshPrivateKeyFile = UmlLab.DefaultSshKeyFile,
            RunsDirectory = RunsDirectory,
            Progress = new InlineProgress(_progress.Enqueue),
        });
        await _lab.UpAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_lab is not null) await _lab.DisposeAsync();
    }

    /// <summary>IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class InlineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
