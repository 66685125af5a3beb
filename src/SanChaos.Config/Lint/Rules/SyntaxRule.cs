namespace SanChaos.Config.Lint.Rules;

/// <summary><c>config.syntax</c>: what the parsers found (a missing '}', an unknown directive, a continuation Heartbeat does not follow).</summary>
internal sealed class SyntaxRule() : ConfigRule("config.syntax", "Files the software would refuse or read otherwise than they look")
{
    public override IEnumerable<Finding> Check(LintContext context) => context.Config.Diagnostics.Select(d => Found(d.Severity, d.Location, d.Problem,
        d.Severity == Severity.Error
            ? "The software that reads this file refuses it or reads something else than what is written; the other rules read it as SanChaos recovered it."
            : "The file reads otherwise than it looks.",
        $"Write {d.Expected}."));
}
