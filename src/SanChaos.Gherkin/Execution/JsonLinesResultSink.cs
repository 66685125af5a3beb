using System.Text.Json;
using System.Text.Json.Serialization;
using SanChaos.Core.Secrets;

namespace SanChaos.Gherkin.Execution;

/// <summary>Appends each scenario's record as one JSON line to a file (thread-safe), redacted (<see cref="Redactor"/>).</summary>
public sealed class JsonLinesResultSink : IScenarioResultSink
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly object _gate = new();

    /// <summary>Creates a sink writing to <paramref name="path"/> (its folder is created).</summary>
    public JsonLinesResultSink(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Write(ScenarioResult result)
    {
        var line = Redactor.Redact(JsonSerializer.Serialize(result, Options));
        lock (_gate) File.AppendAllText(Path, line + "\n");
    }

    /// <summary>Reads the records back (reporting and tests).</summary>
    public static IReadOnlyList<ScenarioResult> Read(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<ScenarioResult>(l, Options)!).ToArray();
}
