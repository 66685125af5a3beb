namespace SanChaos.Core;

/// <summary>Finds the SanChaos checkout a process runs from.</summary>
public static class Repository
{
    /// <summary>
    /// The folder holding <c>SanChaos.sln</c>, looking up from the current directory, then from the binary's
    /// folder; the current directory when neither is inside a checkout.
    /// </summary>
    public static string Root()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SanChaos.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
