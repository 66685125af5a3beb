using System.Text.RegularExpressions;
using Gherkin;
using Gherkin.Ast;
using SanChaos.Gherkin.Model;
using DataTable = SanChaos.Gherkin.Model.DataTable;
using Scenario = SanChaos.Gherkin.Model.Scenario;

namespace SanChaos.Gherkin.Parsing;

/// <summary>
/// Parses feature files with Cucumber's Gherkin parser and compiles them to runnable scenarios:
/// Background steps prepended, outline rows expanded with their placeholders substituted (in step text,
/// tables and doc strings), tags inherited from Feature and Examples, And/But resolved.
/// </summary>
public static class FeatureCompiler
{
    /// <summary>Reads every <c>*.feature</c> under <paramref name="featuresDirectory"/>, in path order.</summary>
    /// <param name="featuresDirectory">Absolute path of the features folder.</param>
    /// <param name="displayRoot">Paths in names and errors are relative to this folder (the repository root).</param>
    public static IReadOnlyList<FeatureFile> LoadDirectory(string featuresDirectory, string displayRoot) =>
        Directory.EnumerateFiles(featuresDirectory, "*.feature", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => Load(p, displayRoot))
            .ToArray();

    /// <summary>Reads and compiles one feature file. Never throws for a parse error: see <see cref="FeatureFile.Errors"/>.</summary>
    public static FeatureFile Load(string fullPath, string displayRoot)
    {
        var rel = System.IO.Path.GetRelativePath(displayRoot, fullPath).Replace('\\', '/');
        return Compile(rel, fullPath, File.ReadAllText(fullPath));
    }

    /// <summary>Compiles feature text. <paramref name="path"/> names it in ids and errors.</summary>
    public static FeatureFile Compile(string path, string fullPath, string text)
    {
        GherkinDocument doc;
        try
        {
            doc = new Parser().Parse(new StringReader(text));
        }
        catch (CompositeParserException e)
        {
            return Failed(path, fullPath, e.Errors.Select(x => ToError(path, x)).ToArray());
        }
        catch (ParserException e)
        {
            return Failed(path, fullPath, [ToError(path, e)]);
        }

        if (doc.Feature is null)
            return Failed(path, fullPath, [new FeatureParseError(path, 1, 1, "The file has no `Feature:` line.")]);

        var feature = doc.Feature;
        var dialect = new GherkinDialectProvider("en").GetDialect(feature.Language, feature.Location);
        var featureTags = feature.Tags.Select(TagName).ToArray();
        var background = feature.Children.OfType<Background>().FirstOrDefault();
        var scenarios = new List<Scenario>();
        foreach (var child in feature.Children)
        {
            switch (child)
            {
                case ScenarioOutline outline:
                    foreach (var examples in outline.Examples)
                    {
                        if (examples.TableHeader is null) continue;
                        var header = examples.TableHeader.Cells.Select(c => c.Value).ToArray();
                        var tags = featureTags.Concat(outline.Tags.Select(TagName)).Concat(examples.Tags.Select(TagName)).Distinct().ToArray();
                        foreach (var row in examples.TableBody)
                        {
                            var values = header.Zip(row.Cells.Select(c => c.Value)).ToDictionary(p => p.First, p => p.Second);
                            var name = $"{Substitute(outline.Name, values)} ({string.Join(", ", values.Select(kv => $"{kv.Key}: {kv.Value}"))})";
                            scenarios.Add(new Scenario($"{path}:{row.Location.Line}", path, feature.Name, name, row.Location.Line, tags,
                                Steps(dialect, background, outline.Steps, values), outline.Description?.Trim() ?? ""));
                        }
                    }

                    break;
                case global::Gherkin.Ast.Scenario sc:
                    scenarios.Add(new Scenario($"{path}:{sc.Location.Line}", path, feature.Name, sc.Name, sc.Location.Line,
                        featureTags.Concat(sc.Tags.Select(TagName)).Distinct().ToArray(),
                        Steps(dialect, background, sc.Steps, null), sc.Description?.Trim() ?? ""));
                    break;
            }
        }

        return new FeatureFile(path, fullPath, feature.Name, scenarios, []);
    }

    private static FeatureFile Failed(string path, string fullPath, IReadOnlyList<FeatureParseError> errors) =>
        new(path, fullPath, System.IO.Path.GetFileNameWithoutExtension(path), [], errors);

    private static FeatureParseError ToError(string path, ParserException e)
    {
        // The parser prefixes its message with "(line:column): "; keep the position as data, the rest as message.
        var msg = Regex.Replace(e.Message, @"^\(\d+:\d+\):\s*", "");
        return new FeatureParseError(path, e.Location?.Line ?? 1, Math.Max(1, e.Location?.Column ?? 1), msg);
    }

    private static string TagName(Tag t) => t.Name.TrimStart('@');

    private static List<ScenarioStep> Steps(GherkinDialect dialect, Background? background, IEnumerable<Step> steps,
        IReadOnlyDictionary<string, string>? values)
    {
        var result = new List<ScenarioStep>();
        var last = StepKeyword.Given;
        foreach (var step in (background?.Steps ?? []).Concat(steps))
        {
            var kind = KindOf(dialect, step.Keyword, last);
            last = kind;
            DataTable? table = null;
            string? doc = null;
            switch (step.Argument)
            {
                case global::Gherkin.Ast.DataTable t:
                    table = new DataTable(t.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select(c => Substitute(c.Value, values)).ToArray()).ToArray());
                    break;
                case DocString d:
                    doc = Substitute(d.Content, values);
                    break;
            }

            result.Add(new ScenarioStep(step.Keyword.Trim(), kind, Substitute(step.Text, values), step.Location.Line, table, doc));
        }

        return result;
    }

    private static StepKeyword KindOf(GherkinDialect d, string keyword, StepKeyword previous)
    {
        // A keyword can be in several lists ("* " is in all of them): Given/When/Then win over And/But.
        if (d.GivenStepKeywords.Contains(keyword) && !d.AndStepKeywords.Contains(keyword)) return StepKeyword.Given;
        if (d.WhenStepKeywords.Contains(keyword) && !d.AndStepKeywords.Contains(keyword)) return StepKeyword.When;
        if (d.ThenStepKeywords.Contains(keyword) && !d.AndStepKeywords.Contains(keyword)) return StepKeyword.Then;
        return previous;
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string>? values)
    {
        if (values is null || text is null) return text ?? "";
        foreach (var (k, v) in values) text = text.Replace($"<{k}>", v, StringComparison.Ordinal);
        return text;
    }
}
