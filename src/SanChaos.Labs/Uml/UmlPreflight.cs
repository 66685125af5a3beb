using SanChaos.Core.Errors;

namespace SanChaos.Labs.Uml;

/// <summary>
/// Checks the machine before the embedded lab touches it, and reports every problem at once with the command that
/// fixes it: root and <c>/dev/net/tun</c> (<see cref="HostPreflight"/>), the host tools (with the <c>apt-get install</c> line for the missing ones),
/// the UML modules, the guest-memory directory and the image recipe.
/// </summary>
internal static class UmlPreflight
{
    /// <summary>Host tools and the Debian package that provides each (data: a new tool is a line here).</summary>
    public static readonly IReadOnlyList<(string Command, string Package)> Tools =
    [
        ("linux.uml", "user-mode-linux"),
        ("debootstrap", "debootstrap"),
        ("ip", "iproute2"),
        ("mke2fs", "e2fsprogs"),
        ("ssh", "openssh-client"),
        ("ssh-keygen", "openssh-client"),
        ("setsid", "util-linux"),
        ("unshare", "util-linux"),
        ("chroot", "coreutils"),
        ("sha256sum", "coreutils"),
    ];

    /// <summary>Directories searched besides PATH (root's sbin directories may be missing from a service's PATH).</summary>
    public static readonly IReadOnlyList<string> ExtraSearchPath = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>Throws one <see cref="SanChaosException"/> listing every problem found; returns the recipe directory.</summary>
    public static string Check(UmlLabOptions options)
    {
        var problems = new List<(string Problem, string Fix)>();
        if (!OperatingSystem.IsLinux())
            throw new SanChaosException("The embedded lab runs only on Linux (user-mode Linux, network namespaces).",
                "run it on a Debian 12 machine or VM.");
        problems.AddRange(HostPreflight.Problems(HostFacts.Current(), HostPreflight.RunDotnetAsRoot));

        var missing = Tools.Where(t => Find(t.Command) is null).ToArray();
        if (missing.Length > 0)
            problems.Add(($"Missing host tools: {string.Join(", ", missing.Select(t => t.Command))}.",
                $"apt-get install -y {string.Join(' ', missing.Select(t => t.Package).Distinct())}"));
        if (!Directory.Exists(options.ModulesDirectory) || !Directory.EnumerateDirectories(options.ModulesDirectory).Any())
            problems.Add(($"No UML kernel modules under {options.ModulesDirectory} (DRBD, dm-multipath, iSCSI live there).",
                "apt-get install -y user-mode-linux"));
        if (!Directory.Exists(options.GuestMemoryDirectory))
            problems.Add(($"The guest-memory directory {options.GuestMemoryDirectory} does not exist.",
                "mount a tmpfs there or set UmlLabOptions.GuestMemoryDirectory."));

        string? recipe = null;
        try
        {
            recipe = ImageBuilder.FindRecipe(options);
        }
        catch (SanChaosException e)
        {
            problems.Add((e.Problem, e.Remedy));
        }

        if (problems.Count > 0)
            throw new SanChaosException(
                "The embedded lab cannot start on this machine:" + string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p.Problem}")),
                string.Join("; ", problems.Select(p => p.Fix)));
        return recipe!;
    }

    /// <summary>The full path of <paramref name="command"/> in PATH or <see cref="ExtraSearchPath"/>, or null.</summary>
    public static string? Find(string command)
    {
        if (command.Contains('/', StringComparison.Ordinal)) return File.Exists(command) ? command : null;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(ExtraSearchPath).Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);
    }
}
