using System.Text.Json;

namespace SanChaos.Labs.Uml;

/// <summary>Reads and writes run state files atomically (write a temporary file, then rename it over).</summary>
internal static class RunStateStore
{
    /// <summary>Name of the state file inside a run directory.</summary>
    public const string FileName = "state.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The run directory of <paramref name="runId"/>.</summary>
    public static string RunDirectory(string runsDirectory, string runId) => Path.Combine(runsDirectory, runId);

    /// <summary>The state file of <paramref name="runId"/>.</summary>
    public static string PathOf(string runsDirectory, string runId) => Path.Combine(runsDirectory, runId, FileName);

    /// <summary>Writes <paramref name="state"/> to its run directory.</summary>
    public static void Save(string runsDirectory, RunState state)
    {
        var path = PathOf(runsDirectory, state.RunId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(state, Json));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The state of <paramref name="runId"/>, or null when it has none or it cannot be read.</summary>
    public static RunState? Load(string runsDirectory, string runId)
    {
        try
        {
            var s = JsonSerializer.Deserialize<RunState>(File.ReadAllText(PathOf(runsDirectory, runId)), Json);
            return s is { RunId.Length: > 0 } ? s : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Run ids with a directory under <paramref name="runsDirectory"/>.</summary>
    public static IReadOnlyList<string> RunIds(string runsDirectory) =>
        Directory.Exists(runsDirectory)
            ? Directory.EnumerateDirectories(runsDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
}
