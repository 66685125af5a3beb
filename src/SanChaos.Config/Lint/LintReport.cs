using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SanChaos.Config.Lint;

/// <summary>The findings of one lint run, with the text and JSON forms <c>sanchaos lint</c> prints.</summary>
/// <param name="Origin">What was linted.</param>
/// <param name="Findings">Every finding, errors first.</param>
public sealed record LintReport(string Origin, IReadOnlyList<Finding> Findings)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Number of errors.</summary>
    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    /// <summary>Number of warnings.</summary>
    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);

    /// <summary>Number of infos.</summary>
    public int Infos => Findings.Count(f => f.Severity == Severity.Info);

    /// <summary>The findings of one rule.</summary>
    public IEnumerable<Finding> Of(string rule) => Findings.Where(f => f.Rule == rule);

    /// <summary>Human-readable: a summary line, then each finding with why, fix and drill.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{Origin}: {Errors} error{(Errors == 1 ? "" : "s")}, {Warnings} warning{(Warnings == 1 ? "" : "s")}, {Infos} info");
        foreach (var f in Findings)
        {
            sb.AppendLine();
            sb.AppendLine($"{f.Severity.ToString().ToLowerInvariant()} {f.Rule} {f.Location}");
            sb.AppendLine($"  {f.Message}");
            sb.AppendLine($"  why: {f.Why}");
            sb.AppendLine($"  fix: {f.Fix}");
            if (f.Drill is not null) sb.AppendLine($"  drill: {f.Drill}");
        }

        return sb.ToString();
    }

    /// <summary>For CI: <c>{ origin, errors, warnings, infos, findings: [ { rule, severity, node, file, line, message, why, fix, drill } ] }</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        origin = Origin,
        errors = Errors,
        warnings = Warnings,
        infos = Infos,
        findings = Findings.Select(f => new
        {
            rule = f.Rule,
            severity = f.Severity.ToString().ToLowerInvariant(),
            node = f.Location.Node,
            file = f.Location.File,
            line = f.Location.Line,
            location = f.Location.ToString(),
            message = f.Message,
            why = f.Why,
            fix = f.Fix,
            drill = f.Drill is null ? null : new { feature = f.Drill.Feature, tag = f.Drill.Tag, scenario = f.Drill.Scenario, planned = f.Drill.Planned },
        }),
    }, Json);
}
