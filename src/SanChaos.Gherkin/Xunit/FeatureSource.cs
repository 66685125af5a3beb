using System.Collections.Concurrent;
using SanChaos.Core.Errors;
using SanChaos.Gherkin.Model;
using SanChaos.Gherkin.Parsing;

namespace SanChaos.Gherkin.Xunit;

/// <summary>
/// Finds the features folder (walking up from the test binary to the repository) and compiles its
/// feature files once per process.
/// </summary>
public static class FeatureSource
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<FeatureFile>> Cache = new();

    /// <summary>
    /// The absolute path of <paramref name="relativeDirectory"/> and the folder it was found in (the display
    /// root), looking in the current directory, then the test binary's folder and each parent.
    /// </summary>
    public static (string Directory, string Root) Locate(string relativeDirectory)
    {
        if (Path.IsPathRooted(relativeDirectory) && Directory.Exists(relativeDirectory))
            return (relativeDirectory, Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(relativeDirectory))!);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativeDirectory);
                if (Directory.Exists(candidate)) return (Path.GetFullPath(candidate), dir.FullName);
            }
        }

        throw new SanChaosException($"No '{relativeDirectory}' folder was found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.",
            "run the tests from the repository (the folder holding features/), or pass an absolute path to [Features].");
    }

    /// <summary>The compiled feature files of <paramref name="relativeDirectory"/> (cached).</summary>
    public static IReadOnlyList<FeatureFile> Load(string relativeDirectory)
    {
        var (dir, root) = Locate(relativeDirectory);
        return Cache.GetOrAdd(dir, _ => FeatureCompiler.LoadDirectory(dir, root));
    }
}
