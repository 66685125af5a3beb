using System.Text;
using System.Text.RegularExpressions;
using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Execution;

/// <summary>Writes a ready-to-paste binding for an undefined step.</summary>
public static partial class StepSkeleton
{
    [GeneratedRegex("\"[^\"]*\"|\\b\\d+(?:\\.\\d+)?\\s?(?:ms|s|min|h)\\b|\\b\\d+(?:\\.\\d+)?\\b")]
    private static partial Regex Parameters();

    /// <summary>The C# method, with attribute, pattern and typed parameters.</summary>
    public static string For(ScenarioStep step)
    {
        var pattern = new StringBuilder();
        var parameters = new List<string>();
        var last = 0;
        foreach (Match m in Parameters().Matches(step.Text))
        {
            pattern.Append(Escape(step.Text[last..m.Index]));
            var v = m.Value;
            if (v.StartsWith('"')) { pattern.Append("\"\"([^\"\"]*)\"\""); parameters.Add($"string p{parameters.Count + 1}"); }
            else if (char.IsLetter(v[^1])) { pattern.Append(@"(\d+(?:\.\d+)?\s?(?:ms|s|min|h))"); parameters.Add($"TimeSpan duration{parameters.Count + 1}"); }
            else if (v.Contains('.')) { pattern.Append(@"(\d+(?:\.\d+)?)"); parameters.Add($"double n{parameters.Count + 1}"); }
            else { pattern.Append(@"(\d+)"); parameters.Add($"int n{parameters.Count + 1}"); }
            last = m.Index + m.Length;
        }

        pattern.Append(Escape(step.Text[last..]));
        if (step.Table is not null) parameters.Add("DataTable table");
        if (step.DocString is not null) parameters.Add("string docString");
        var name = step.Kind + string.Concat(Regex.Split(Parameters().Replace(step.Text, " "), @"[^A-Za-z0-9]+")
            .Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return $"[{step.Kind}(@\"^{pattern}$\")]{Environment.NewLine}" +
               $"public Task {name}({string.Join(", ", parameters)}){Environment.NewLine}" +
               $"{{{Environment.NewLine}    // Call the drill API here (a step never talks to SSH, pcap or a PDU itself).{Environment.NewLine}" +
               $"    throw new NotImplementedException(\"{step.Kind} {step.Text.Replace("\"", "\\\"")}\");{Environment.NewLine}}}";
    }

    private static string Escape(string s) => Regex.Escape(s).Replace("\"", "\"\"").Replace("\\ ", " ");
}
