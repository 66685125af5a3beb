using SanChaos.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SanChaos.Labs.Provisioning;

/// <summary>Small YAML helpers for the lab/sut data files (mappings of scalars, lists of mappings).</summary>
internal static class SutYaml
{
    public static YamlMappingNode Root(SutData data, string file)
    {
        var text = data.ReadText(file);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m) return m;
        }
        catch (YamlException e)
        {
            throw new SanChaosException($"{data.Origin}/{file}:{e.Start.Line}:{e.Start.Column}: YAML error: {e.InnerException?.Message ?? e.Message}",
                "fix the YAML (spaces, not tabs; quote values containing ': ' or starting with '{').", e);
        }

        throw new SanChaosException($"{data.Origin}/{file}: expected one YAML mapping at the top.", "restore the file from git.");
    }

    public static YamlMappingNode? Section(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n as YamlMappingNode : null;

    public static YamlSequenceNode? List(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n as YamlSequenceNode : null;

    public static IEnumerable<KeyValuePair<string, string>> Scalars(YamlMappingNode? section)
    {
        if (section is null) yield break;
        foreach (var (k, v) in section.Children)
            if (k is YamlScalarNode key && v is YamlScalarNode value)
                yield return new(key.Value ?? "", value.Value ?? "");
    }

    public static string? Scalar(YamlMappingNode m, string key) =>
        m.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value : null;
}
