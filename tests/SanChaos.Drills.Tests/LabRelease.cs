using SanChaos.Session;

namespace SanChaos.Drills.Tests;

/// <summary>Takes the shared lab down when the run ends (passed, failed or cancelled).</summary>
public sealed class LabRelease : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(SharedLab.ReleaseAsync());
}
