namespace SanChaos.Config.Parsing;

/// <summary>What a lexer hands the tree builder: a statement, a section opening, or a closing brace.</summary>
internal enum StatementKind
{
    Entry,
    Open,
    Close,
}

/// <summary>One lexed statement: its words (keyword first) and the line of its first word.</summary>
internal readonly record struct Statement(StatementKind Kind, IReadOnlyList<string> Words, int Line);
