using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using YamlDotNet.RepresentationModel;

namespace SanChaos.Labs.Provisioning;

/// <summary>One entry of lab/sut/files.yaml.</summary>
internal sealed record ManifestEntry(string Template, string Path, string Mode, bool Verbatim, bool JoinContinuations);

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
                SutYaml.Scalar(m, "verbatim") == "true", SutYaml.Scalar(m, "join_continuations") == "true");
        }).ToArray();
}
