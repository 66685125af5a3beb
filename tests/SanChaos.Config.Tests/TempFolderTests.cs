namespace SanChaos.Config.Tests;

/// <summary>Tests that each get a fresh folder under the system's temp folder (<see cref="Temp"/>), removed after the test.</summary>
public abstract class TempFolderTests : IDisposable
{
    /// <summary>The test's own folder.</summary>
    protected string Temp { get; } = Directory.CreateTempSubdirectory("sanchaos-config-tests-").FullName;

    /// <summary>The non-empty lines of a command's output.</summary>
    protected static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        Directory.Delete(Temp, recursive: true);
        GC.SuppressFinalize(this);
    }
}
