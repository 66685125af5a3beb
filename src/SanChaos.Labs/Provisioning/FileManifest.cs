using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using YamlDotNet.RepresentationModel;

namespace SanChaos.Labs.Provisioning;

/// <summary>One entry of lab/sut/files.yaml.</summary>
/// <param name="Template">Path under templates/.</param>
/// <param name="Path">Destination on the node (may use placeholders).</param>
/// <param name="Mode">File mode, octal.</param>
/// <param name="Verbatim">Copied without placeholders.</param>
/// <param name="JoinContinuations">Lines ending in '\' folded into one after rendering.</param>
/// <param name="When">Flags (SutValues) that must all hold for the node to get the file; <c>!flag</c> must not hold. Empty: always.</param>
internal sealed record ManifestEntry(string Template, string Path, string Mode, bool Verbatim, bool JoinContinuations, IReadOnlyList<string> When)
{
    /// <summary>Whether a node with <paramref name="values"/> gets the file; an unknown flag is an error naming files.yaml.</summary>
    public bool AppliesTo(SutValues values) => When.All(w =>
    {
        var name = w.TrimStart('!');
        if (!values.TryGetFlag(name, out var flag))
            throw new SanChaosException($"{FileManifest.FileName}: `when: {string.Join(' ', When)}` of {Template} names the flag '{name}', which does not exist.",
                $"use flags of SutValues: {string.Join(", ", values.FlagNames.Order(StringComparer.Ordinal))}.");
        return flag != w.StartsWith('!');
    });
}

/// <summary>lab/sut/files.yaml: which templates each node role gets.</summary>
internal static class FileManifest
{
    public const string FileName = "files.yaml";

    public static IReadOnlyDictionary<NodeRole, IReadOnlyList<ManifestEntry>> Load(SutData data)
    {
        var root = SutYaml.Root(data, FileName);
        return new Dictionary<NodeRole, IReadOnlyList<ManifestEntry>>
        {
            [NodeRole.Storage] = Entries(data, root, "storage"),
            [NodeRole.Client] = Entries(data, root, "client"),
        };
    }

    private static ManifestEntry[] Entries(SutData data, YamlMappingNode root, string role) =>
        (SutYaml.List(root, role)?.Children ?? []).Select((n, i) =>
        {
            if (n is not YamlMappingNode m)
                throw new SanChaosException($"{data.Origin}/{FileName}: {role}[{i}] is not a mapping.", "write { template: ..., path: ..., mode: \"0644\" }.");
            string Need(string k) => SutYaml.Scalar(m, k) is { Length: > 0 } v ? v
                : throw new SanChaosException($"{data.Origin}/{FileName}: {role}[{i}] has no {k}.", "every entry needs template, path and mode.");
            return new ManifestEntry(Need("template"), Need("path"), Need("mode"),
                SutYaml.Scalar(m, "verbatim") == "true", SutYaml.Scalar(m, "join_continuations") == "true",
                (SutYaml.Scalar(m, "when") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }).ToArray();
}
