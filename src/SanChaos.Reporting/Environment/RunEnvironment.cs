using System.Text.Json;
using System.Text.Json.Serialization;
using SanChaos.Core.Errors;

namespace SanChaos.Reporting.Environment;

/// <summary>
/// What a drill run ran on, for a reader comparing runs: the run folder's <c>environment.json</c> (format in
/// reports/README.md), written by <see cref="EnvironmentCollector"/> and shown as Allure's environment.
/// </summary>
/// <param name="Collected">When it was collected (UTC).</param>
/// <param name="Host">The machine the harness ran on.</param>
/// <param name="LabName">The lab's name from its inventory.</param>
/// <param name="LabKind">embedded, vagrant or hardware.</param>
/// <param name="Inventory">The inventory file.</param>
/// <param name="Sut">The SUT settings a reader compares first (Heartbeat deadtime, iSCSI timeouts, multipath policy,
/// the target's implementation...), by name, as text with units.</param>
/// <param name="Nodes">Each node's versions.</param>
public sealed record RunEnvironment(DateTimeOffset Collected, string Host, string LabName, string LabKind, string Inventory,
    IReadOnlyDictionary<string, string> Sut, IReadOnlyList<NodeEnvironment> Nodes)
{
    /// <summary>The file's name in a run folder.</summary>
    public const string FileName = "environment.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes it as <see cref="FileName"/> in <paramref name="runDirectory"/> (created if needed) and returns the path.</summary>
    public string Write(string runDirectory)
    {
        System.IO.Directory.CreateDirectory(runDirectory);
        var path = Path.Combine(runDirectory, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");
        return path;
    }

    /// <summary>Reads an environment.json.</summary>
    /// <exception cref="SanChaosException">The file is not one.</exception>
    public static RunEnvironment Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunEnvironment>(File.ReadAllText(path), Options)
                   ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new SanChaosException($"{path} is not an environment file: {e.Message}",
                "it is written by EnvironmentCollector (format in reports/README.md); delete it to report without an environment.", e);
        }
    }

    /// <summary>
    /// The flat key/value pairs of Allure's <c>environment.properties</c>: <c>lab.name</c>, <c>lab.kind</c>, <c>lab.host</c>,
    /// <c>lab.inventory</c>, <c>sut.&lt;setting&gt;</c>, and <c>&lt;node&gt;.&lt;item&gt;</c> for each version.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Properties()
    {
        yield return new("lab.name", LabName);
        yield return new("lab.kind", LabKind);
        yield return new("lab.host", Host);
        yield return new("lab.inventory", Inventory);
        foreach (var (k, v) in Sut) yield return new($"sut.{k}", v);
        foreach (var n in Nodes)
        {
            foreach (var (k, v) in n.Versions) yield return new($"{n.Name}.{k}", v);
            if (n.Errors is { Count: > 0 } errors) yield return new($"{n.Name}.errors", string.Join("; ", errors));
        }
    }
}
