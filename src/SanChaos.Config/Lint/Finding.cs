namespace SanChaos.Config.Lint;

/// <summary>One thing the lint found: which rule, how serious, where, why it matters, how to fix it, and the drill that shows it.</summary>
/// <param name="Rule">The rule id (<c>drbd.fencing</c>).</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Location">Node, file and line.</param>
/// <param name="Message">What is wrong, with the values involved.</param>
/// <param name="Why">What happens because of it.</param>
/// <param name="Fix">What to write instead.</param>
/// <param name="Drill">The drill that demonstrates the risk, when there is one.</param>
public sealed record Finding(string Rule, Severity Severity, ConfigLocation Location, string Message, string Why, string Fix, DrillRef? Drill = null);
