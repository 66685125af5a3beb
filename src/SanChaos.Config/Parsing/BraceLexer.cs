using System.Text;

namespace SanChaos.Config.Parsing;

/// <summary>
/// Lexes the braced formats that end a statement with ';' (drbd.conf) or with the end of the line (multipath.conf):
/// words, double-quoted strings (backslash escapes), '{', '}', and comments from a comment character to the end of
/// the line (outside quotes).
/// </summary>
internal static class BraceLexer
{
    /// <summary>The statements of <paramref name="file"/>.</summary>
    /// <param name="file">The file.</param>
    /// <param name="semicolonTerminated">True for drbd.conf (statements end with ';' and may span lines); false for
    /// multipath.conf (a statement is the rest of its line).</param>
    /// <param name="commentChars">Characters that start a comment.</param>
    /// <param name="diagnostics">Receives lexing problems.</param>
    public static IReadOnlyList<Statement> Lex(ConfigFile file, bool semicolonTerminated, string commentChars, ICollection<ConfigDiagnostic> diagnostics)
    {
        var result = new List<Statement>();
        var words = new List<string>();
        var wordsLine = 0;
        var text = file.Text;
        var line = 1;
        var i = 0;

        void Flush(StatementKind kind, int at)
        {
            if (words.Count > 0) result.Add(new Statement(kind, words.ToArray(), wordsLine));
            else if (kind == StatementKind.Open)
                diagnostics.Add(new ConfigDiagnostic(file.At(at), Severity.Error, "'{' without a section name", "a keyword before '{'"));
            words.Clear();
        }

        void AddWord(string w, int at)
        {
            if (words.Count == 0) wordsLine = at;
            words.Add(w);
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (!semicolonTerminated) Flush(StatementKind.Entry, line);
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (commentChars.Contains(c))
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '"')
            {
                var start = line;
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var d = text[i];
                    if (d == '\\' && i + 1 < text.Length)
                    {
                        sb.Append(text[i + 1]);
                        if (text[i + 1] == '\n') line++;
                        i += 2;
                        continue;
                    }

                    if (d == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    if (d == '\n')
                    {
                        if (!semicolonTerminated) break;
                        line++;
                    }

                    sb.Append(d);
                    i++;
                }

                if (!closed)
                    diagnostics.Add(new ConfigDiagnostic(file.At(start), Severity.Error, "a quoted string is not closed", "'\"' at the end of the string"));
                AddWord(sb.ToString(), start);
            }
            else if (c == '{')
            {
                Flush(StatementKind.Open, line);
                i++;
            }
            else if (c == '}')
            {
                if (words.Count > 0)
                {
                    if (semicolonTerminated)
                        diagnostics.Add(new ConfigDiagnostic(file.At(wordsLine), Severity.Error,
                            $"'{string.Join(" ", words)}' is not ended by ';'", $"';' after '{string.Join(" ", words)}'"));
                    Flush(StatementKind.Entry, line);
                }

                result.Add(new Statement(StatementKind.Close, ["}"], line));
                i++;
            }
            else if (c == ';' && semicolonTerminated)
            {
                Flush(StatementKind.Entry, line);
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or '"') &&
                       !(semicolonTerminated && text[i] == ';') && !commentChars.Contains(text[i]))
                    i++;
                AddWord(text[start..i], line);
            }
        }

        if (words.Count > 0)
        {
            if (semicolonTerminated)
                diagnostics.Add(new ConfigDiagnostic(file.At(wordsLine), Severity.Error,
                    $"'{string.Join(" ", words)}' is not ended by ';'", $"';' after '{string.Join(" ", words)}'"));
            Flush(StatementKind.Entry, line);
        }

        return result;
    }
}
