using SanChaos.Session;

namespace SanChaos.Drills.Tests;

/// <summary>When the run ends (passed, failed or cancelled): writes the run's Allure results, then takes the shared lab down.</summary>
public sealed class LabRelease : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        if (DrillRun.WriteResults() is { } line) SharedLab.Progress(line);
        return new(SharedLab.ReleaseAsync());
    }
}
