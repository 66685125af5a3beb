namespace SanChaos.Gherkin.Model;

/// <summary>A feature file that did not parse: file, position and the parser's message.</summary>
/// <param name="FeatureFile">Path as users see it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">The parser's message.</param>
public sealed record FeatureParseError(string FeatureFile, int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{FeatureFile}:{Line}:{Column}: {Message}";
}
