using SanChaos.Core.Errors;
using SanChaos.Labs.Provisioning;
using YamlDotNet.RepresentationModel;

namespace SanChaos.Labs.Uml.Kernels;

/// <summary>Where a node kernel comes from: one entry of <c>lab/sut/builds.yaml</c>.</summary>
/// <param name="Name">Its name in the inventory's <c>sut.build.kernel</c>.</param>
/// <param name="Source"><c>host</c> (installed by apt) or <c>debian</c> (fetched from a suite of the mirror).</param>
/// <param name="Binary">host: the <c>linux.uml</c> path.</param>
/// <param name="Modules">host: the modules tree.</param>
/// <param name="Suite">debian: the suite (<c>sid</c>).</param>
/// <param name="Package">debian: the kernel's package.</param>
/// <param name="VersionPrefix">debian: what the package's version must start with.</param>
/// <param name="Libc">debian: fetch libc6 too and run the kernel on it.</param>
/// <param name="Arguments">Added to the kernel command line.</param>
public sealed record UmlKernelSpec(string Name, string Source, string Binary, string Modules, string Suite, string Package,
    string VersionPrefix, bool Libc, IReadOnlyList<string> Arguments)
{
    /// <summary>The builds file inside lab/sut.</summary>
    public const string File = "builds.yaml";

    /// <summary>Every kernel of the data set, in file order.</summary>
    public static IReadOnlyList<UmlKernelSpec> All(SutData? data = null)
    {
        data ??= SutData.Default;
        var root = SutYaml.Section(SutYaml.Root(data, File), "kernels")
                   ?? throw new SanChaosException($"{data.Origin}/{File} has no 'kernels' mapping.", "restore the file from git.");
        var list = new List<UmlKernelSpec>();
        foreach (var (k, v) in root.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            var fields = SutYaml.Scalars(v as YamlMappingNode).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            string Get(string key) => fields.TryGetValue(key, out var x) ? x : "";
            var source = Get("source");
            if (source is not ("host" or "debian"))
                throw new SanChaosException($"{data.Origin}/{File}:{k.Start.Line}: kernel '{name}' has source '{source}'.",
                    "write `source: host` (the host's user-mode-linux) or `source: debian` (fetched from a suite).");
            if (source == "host" && (Get("binary").Length == 0 || Get("modules").Length == 0))
                throw new SanChaosException($"{data.Origin}/{File}:{k.Start.Line}: kernel '{name}' (host) needs `binary` and `modules`.",
                    "write e.g. `binary: /usr/bin/linux.uml` and `modules: /usr/lib/uml/modules`.");
            if (source == "debian" && (Get("suite").Length == 0 || Get("package").Length == 0))
                throw new SanChaosException($"{data.Origin}/{File}:{k.Start.Line}: kernel '{name}' (debian) needs `suite` and `package`.",
                    "write e.g. `suite: sid` and `package: user-mode-linux`.");
            list.Add(new UmlKernelSpec(name, source, Get("binary"), Get("modules"), Get("suite"), Get("package"), Get("version"),
                Get("libc") == "true", Get("arguments").Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        return list;
    }

    /// <summary>The kernel named <paramref name="name"/>; an error listing the kernels that exist otherwise.</summary>
    public static UmlKernelSpec Find(string name, SutData? data = null)
    {
        var all = All(data);
        return all.FirstOrDefault(k => k.Name == name)
               ?? throw new SanChaosException($"There is no node kernel '{name}' in lab/sut/{File}.",
                   $"use one of: {string.Join(", ", all.Select(k => k.Name))} (sut.build.kernel in the inventory, or SANCHAOS_BUILD=kernel=...).");
    }
}
