using SanChaos.Core.Errors;

namespace SanChaos.Inventory.Model;

/// <summary>
/// What the embedded lab's nodes run: the user-mode Linux kernel and the Debian release of the node userland (the iSCSI
/// target is <see cref="IscsiTargetConfig.Implementation"/>). Each build is its own cached image. Written in the inventory
/// as <c>sut: { build: { kernel: 7.2-seccomp, release: bookworm } }</c>, or for one run as
/// <c>SANCHAOS_BUILD=kernel=7.2-seccomp,release=trixie</c>.
/// </summary>
/// <param name="Kernel">The node kernel: <c>6.1</c> (Debian 12's user-mode-linux), <c>7.2</c> or <c>7.2-seccomp</c> (Debian sid's).</param>
/// <param name="Release">The node userland: <c>bookworm</c> or <c>trixie</c>.</param>
public sealed record SutBuild(string Kernel, string Release)
{
    /// <summary>The node kernels the embedded lab knows.</summary>
    public static IReadOnlyList<string> Kernels { get; } = ["6.1", "7.2", "7.2-seccomp"];

    /// <summary>The node userland releases the embedded lab knows.</summary>
    public static IReadOnlyList<string> Releases { get; } = ["bookworm", "trixie"];

    /// <summary>Debian 12's kernel and userland, as the host runs.</summary>
    public static SutBuild Default { get; } = new("6.1", "bookworm");

    /// <summary>The build's name with its target, e.g. <c>7.2-seccomp/bookworm/lio</c>.</summary>
    public string Name(string target) => $"{Kernel}/{Release}/{target}";

    /// <summary>
    /// Applies an override written as <c>key=value</c> pairs separated by commas (<c>kernel</c>, <c>release</c>,
    /// <c>target</c>) or as a build name <c>kernel/release[/target]</c> (or one word: a kernel or a release), to a build and a target.
    /// </summary>
    /// <exception cref="SanChaosException">The text names an unknown key or value; the message lists what exists.</exception>
    public static (SutBuild Build, string Target) Apply(string text, SutBuild build, string target, string source)
    {
        var pairs = new List<(string Key, string Value)>();
        if (text.Contains('=', StringComparison.Ordinal))
        {
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw Bad($"'{part}' is not key=value");
                pairs.Add((part[..eq].Trim().ToLowerInvariant(), part[(eq + 1)..].Trim()));
            }
        }
        else
        {
            var names = text.Split('/', StringSplitOptions.TrimEntries);
            // One word is a kernel or a release (they cannot be confused: kernels are versions, releases names).
            string[] keys = names.Length switch
            {
                1 when Kernels.Contains(names[0], StringComparer.OrdinalIgnoreCase) => ["kernel"],
                1 when Releases.Contains(names[0], StringComparer.OrdinalIgnoreCase) => ["release"],
                1 => throw Bad("no kernel or release of that name; a build name is kernel/release or kernel/release/target"),
                2 => ["kernel", "release"],
                3 => ["kernel", "release", "target"],
                _ => throw Bad("a build name is kernel/release or kernel/release/target"),
            };
            pairs.AddRange(keys.Zip(names));
        }

        foreach (var (key, value) in pairs)
        {
            switch (key)
            {
                case "kernel": build = build with { Kernel = Pick(value, Kernels, "kernel") }; break;
                case "release": build = build with { Release = Pick(value, Releases, "release") }; break;
                case "target": target = Pick(value, IscsiTargetConfig.Implementations, "target"); break;
                default: throw Bad($"unknown key '{key}'");
            }
        }

        return (build, target);

        SanChaosException Bad(string why) => new($"The build '{text}' in {source}: {why}.", Help());
        string Pick(string value, IReadOnlyList<string> allowed, string what) =>
            allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
            ?? throw Bad($"no {what} '{value}'");
    }

    /// <summary>What a build may name.</summary>
    public static string Help() =>
        $"write kernel=<{string.Join("|", Kernels)}>,release=<{string.Join("|", Releases)}>,target=<{string.Join("|", IscsiTargetConfig.Implementations)}> " +
        "(any of them), or a build name such as 7.2-seccomp/bookworm/lio.";
}
