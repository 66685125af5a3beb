namespace SanChaos.Config;

/// <summary>
/// A problem a parser met: what it found at a file and line, and what it expected there. Parsers recover and go
/// on (a missing '}' closes the section it belongs to), so one file yields every problem at once; the lint reports
/// each diagnostic as a <c>config.syntax</c> finding.
/// </summary>
/// <param name="Location">File and line.</param>
/// <param name="Severity">Error when the software that reads the file would refuse it, warning when it would read it otherwise than it looks.</param>
/// <param name="Problem">What was found.</param>
/// <param name="Expected">What was expected instead.</param>
public sealed record ConfigDiagnostic(ConfigLocation Location, Severity Severity, string Problem, string Expected)
{
    /// <summary><c>node/file:line: problem; expected ...</c></summary>
    public override string ToString() => $"{Location}: {Problem}; expected {Expected}";
}
