using System.Reflection;
using SanChaos.Core.Errors;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// The <c>lab/sut</c> data set: config templates, node scripts, <c>files.yaml</c> and <c>commands.yaml</c>.
/// By default it is read from the copy embedded in SanChaos.Labs.dll; <c>$SANCHAOS_SUT_DIR</c> points it at
/// a directory instead (edit a template and retry without rebuilding).
/// </summary>
public sealed class SutData
{
    /// <summary>Environment variable naming a directory to read the data set from.</summary>
    public const string EnvironmentVariable = "SANCHAOS_SUT_DIR";

    private const string ResourcePrefix = "sut/";
    private static readonly Lazy<SutData> EmbeddedCopy = new(LoadEmbedded);
    private readonly Func<string, string?> read;

    private SutData(string origin, Func<string, string?> read)
    {
        Origin = origin;
        this.read = read;
    }

    /// <summary>Where the files come from, for error messages (a directory or "embedded lab/sut").</summary>
    public string Origin { get; }

    /// <summary>
    /// The data set to use: the directory in <c>$SANCHAOS_SUT_DIR</c> if set, else the embedded copy (or,
    /// when the assembly carries none, the nearest <c>lab/sut</c> above the working or base directory).
    /// </summary>
    public static SutData Default
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(dir) ? EmbeddedCopy.Value : FromDirectory(dir);
        }
    }

    /// <summary>Reads the data set from <paramref name="directory"/> (a copy of <c>lab/sut</c>).</summary>
    public static SutData FromDirectory(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
            throw new SanChaosException($"The SUT data directory {root} does not exist.",
                $"point {EnvironmentVariable} at a copy of lab/sut, or unset it to use the embedded copy.");
        return new SutData(root, rel =>
        {
            var p = Path.Combine(root, rel);
            return File.Exists(p) ? File.ReadAllText(p) : null;
        });
    }

    /// <summary>The text of <paramref name="relativePath"/> (e.g. <c>templates/heartbeat/ha.cf</c>); throws if missing.</summary>
    public string ReadText(string relativePath) =>
        read(relativePath.Replace('\\', '/'))
        ?? throw new SanChaosException($"The SUT data set ({Origin}) has no file {relativePath}.",
            "check the template name in lab/sut/files.yaml, or rebuild so lab/sut is embedded again.");

    private static SutData LoadEmbedded()
    {
        var asm = typeof(SutData).Assembly;
        var names = asm.GetManifestResourceNames()
            .Where(n => n.Replace('\\', '/').StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n.Replace('\\', '/')[ResourcePrefix.Length..], n => n, StringComparer.Ordinal);
        if (names.Count > 0) return new SutData("embedded lab/sut", rel => ReadResource(asm, names, rel));

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "lab", "sut");
                if (File.Exists(Path.Combine(candidate, "files.yaml"))) return FromDirectory(candidate);
            }
        }

        throw new SanChaosException("SanChaos.Labs.dll carries no embedded lab/sut and none was found on disk.",
            $"rebuild SanChaos.Labs (it embeds lab/sut), or set {EnvironmentVariable} to a copy of lab/sut.");
    }

    private static string? ReadResource(Assembly asm, Dictionary<string, string> names, string rel)
    {
        if (!names.TryGetValue(rel, out var name)) return null;
        using var s = asm.GetManifestResourceStream(name);
        if (s is null) return null;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
