using SanChaos.Inventory.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SanChaos.Inventory.Loading;

/// <summary>A YAML node with its position. Mappings keep duplicate keys so validation can report them.</summary>
internal abstract record YNode(SourceLocation At);

/// <summary>A scalar.</summary>
internal sealed record YScalar(SourceLocation At, string Value, bool Quoted) : YNode(At);

/// <summary>A sequence.</summary>
internal sealed record YSequence(SourceLocation At, IReadOnlyList<YNode> Items) : YNode(At);

/// <summary>A mapping, entries in order, duplicates kept.</summary>
internal sealed record YMapping(SourceLocation At, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(At);

/// <summary>Builds a <see cref="YNode"/> tree from YamlDotNet's event parser, keeping marks and duplicates.</summary>
internal static class YamlTree
{
    /// <summary>Parses one document; throws <see cref="YamlException"/> with a mark on a syntax error.</summary>
    public static YNode? Parse(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            return ParseDocument(file, parser);
        }
        catch (Exception e) when (e is not YamlException)
        {
            // YamlDotNet throws a bare InvalidOperationException on some malformed flow collections:
            // report it at the last position the parser reached.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlException(at, at, "the YAML is malformed here (an unclosed `{` or `[`, or a stray character?)", e);
        }
    }

    private static YNode? ParseDocument(string file, Parser parser)
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _)) return null;
        parser.Consume<DocumentStart>();
        YNode? root = parser.Accept<DocumentEnd>(out _) ? null : Read(file, parser);
        parser.Consume<DocumentEnd>();
        return root;
    }

    private static SourceLocation At(string file, Mark m) => new(file, m.Line, m.Column);

    private static YNode Read(string file, IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var s))
            return new YScalar(At(file, s.Start), s.Value, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);
        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<YNode>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(Read(file, parser));
            return new YSequence(At(file, seqStart.Start), items);
        }

        if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            var entries = new List<KeyValuePair<YScalar, YNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = Read(file, parser);
                var value = Read(file, parser);
                var k = key as YScalar ?? new YScalar(key.At, "<complex key>", false);
                entries.Add(new(k, value));
            }

            return new YMapping(At(file, mapStart.Start), entries);
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
            throw new YamlException(alias.Start, alias.End, "YAML aliases (*name) are not supported in inventories; write the value out.");
        var ev = parser.Current;
        throw new YamlException(ev?.Start ?? Mark.Empty, ev?.End ?? Mark.Empty, $"unexpected YAML event {ev?.GetType().Name}");
    }
}
