namespace SanChaos.Config.Lint.Rules;

/// <summary>Base of the rules: id, title, and a finding factory.</summary>
internal abstract class ConfigRule(string id, string title) : IConfigRule
{
    public string Id { get; } = id;

    public string Title { get; } = title;

    public abstract IEnumerable<Finding> Check(LintContext context);

    protected Finding Found(Severity severity, ConfigLocation at, string message, string why, string fix, DrillRef? drill = null) =>
        new(Id, severity, at, message, why, fix, drill);
}
