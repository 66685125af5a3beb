using SanChaos.Session;
using Xunit;

namespace SanChaos.Drills.Tests;

/// <summary>
/// The run's lab: its progress (image build, boot, provisioning, recovery) shown live as the run goes on, and when the
/// run ends (passed, failed or cancelled) the run's Allure results written, then the shared lab taken down.
/// </summary>
public sealed class LabRelease : IAsyncDisposable
{
    public LabRelease() => SharedLab.Progress = line =>
    {
        Console.Error.WriteLine($"[lab] {line}");
        // Shown at dotnet test's default verbosity (xunit.runner.json: diagnosticMessages); stderr only with detailed.
        TestContext.Current.SendDiagnosticMessage($"[lab] {line}");
    };

    public ValueTask DisposeAsync()
    {
        if (DrillRun.WriteResults() is { } text)
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries)) SharedLab.Progress(line.TrimEnd('\r'));
        return new(SharedLab.ReleaseAsync());
    }
}
