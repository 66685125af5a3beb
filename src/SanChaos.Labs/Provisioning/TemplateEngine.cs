using System.Text.RegularExpressions;
using SanChaos.Core.Errors;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// The deliberately small template language of lab/sut (see lab/sut/README.md): <c>{{name}}</c>,
/// line prefixes <c>{{?flag}}</c>, <c>{{!flag}}</c> and <c>{{each:list}}</c> with <c>{{item.field}}</c>.
/// Unknown names are errors naming the template and line, never silently empty.
/// </summary>
internal static partial class TemplateEngine
{
    [GeneratedRegex(@"\{\{([A-Za-z0-9_.]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\{\{(\?|!|each:)([A-Za-z0-9_]+)\}\}")]
    private static partial Regex LinePrefix();

    [GeneratedRegex(@"[ \t]*\\\r?\n[ \t]*")]
    private static partial Regex Continuation();

    /// <summary>Renders <paramref name="text"/>; <paramref name="name"/> names it in errors.</summary>
    public static string Render(string text, SutValues values, string name, bool joinContinuations = false)
    {
        var output = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var keep = true;
            IReadOnlyList<IReadOnlyDictionary<string, string>>? items = null;
            for (var m = LinePrefix().Match(line); m.Success; m = LinePrefix().Match(line))
            {
                var kind = m.Groups[1].Value;
                var arg = m.Groups[2].Value;
                if (kind == "each:")
                {
                    if (!values.TryGetList(arg, out var list))
                        throw Unknown(name, i + 1, $"each:{arg}", "lists", values.ListNames);
                    items = list;
                }
                else
                {
                    if (!values.TryGetFlag(arg, out var flag))
                        throw Unknown(name, i + 1, kind + arg, "flags", values.FlagNames);
                    keep &= kind == "?" ? flag : !flag;
                }

                line = line[m.Length..];
            }

            if (!keep) continue;
            if (items is null) output.Add(Substitute(line, null, values, name, i + 1));
            else output.AddRange(items.Select(item => Substitute(line, item, values, name, i + 1)));
        }

        var result = string.Join('\n', output);
        return joinContinuations ? Continuation().Replace(result, " ") : result;
    }

    private static string Substitute(string line, IReadOnlyDictionary<string, string>? item, SutValues values, string name, int lineNo) =>
        Placeholder().Replace(line, m =>
        {
            var key = m.Groups[1].Value;
            if (key == "item" || key.StartsWith("item.", StringComparison.Ordinal))
            {
                var field = key == "item" ? "value" : key[5..];
                if (item is null)
                    throw new SanChaosException($"{name}:{lineNo}: {{{{{key}}}}} outside an {{{{each:...}}}} line.",
                        "start the line with {{each:<list>}} or use a plain value.");
                if (item.TryGetValue(field, out var v)) return v;
                throw Unknown(name, lineNo, key, "item fields", item.Keys.Select(k => "item." + k));
            }

            if (values.TryGet(key, out var value)) return value;
            throw Unknown(name, lineNo, key, "values", values.Names);
        });

    private static SanChaosException Unknown(string template, int line, string what, string kind, IEnumerable<string> known) =>
        new($"{template}:{line}: unknown placeholder {{{{{what}}}}}.",
            $"use one of the {kind}: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");

    /// <summary>Renders a one-line command template (no line prefixes expected).</summary>
    public static string RenderLine(string text, SutValues values, string name) => Render(text, values, name).Trim();
}
