using System.Text;
using SanChaos.Config.Parsing;

namespace SanChaos.Config.Lvm;

/// <summary>Lexes lvm.conf: <c>section {</c>, <c>key = value</c>, lists <c>[ "a", "b" ]</c> over several lines, '#' comments.</summary>
internal static class LvmLexer
{
    public static IReadOnlyList<Statement> Lex(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        var tokens = Tokens(file, diagnostics);
        var result = new List<Statement>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (text, line, quoted) = tokens[i];
            if (!quoted && text == "}")
            {
                result.Add(new Statement(StatementKind.Close, ["}"], line));
            }
            else if (i + 1 < tokens.Count && tokens[i + 1] is { Text: "{", Quoted: false })
            {
                result.Add(new Statement(StatementKind.Open, [text], line));
                i++;
            }
            else if (i + 1 < tokens.Count && tokens[i + 1] is { Text: "=", Quoted: false })
            {
                var values = new List<string>();
                i += 2;
                if (i < tokens.Count && tokens[i] is { Text: "[", Quoted: false })
                {
                    i++;
                    while (i < tokens.Count && tokens[i] is not { Text: "]", Quoted: false })
                    {
                        if (tokens[i] is not { Text: ",", Quoted: false }) values.Add(tokens[i].Text);
                        i++;
                    }

                    if (i >= tokens.Count)
                        diagnostics.Add(new ConfigDiagnostic(file.At(line), Severity.Error, $"the list of '{text}' is not closed", "']' after the last element"));
                }
                else if (i < tokens.Count)
                {
                    values.Add(tokens[i].Text);
                }

                result.Add(new Statement(StatementKind.Entry, [text, .. values], line));
            }
            else
            {
                diagnostics.Add(new ConfigDiagnostic(file.At(line), Severity.Error, $"'{text}' is neither a section nor a setting", "'name {' or 'name = value'"));
            }
        }

        return result;
    }

    private static List<(string Text, int Line, bool Quoted)> Tokens(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        var tokens = new List<(string, int, bool)>();
        var text = file.Text;
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '"')
            {
                var sb = new StringBuilder();
                var start = line;
                i++;
                while (i < text.Length && text[i] != '"' && text[i] != '\n')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }

                if (i >= text.Length || text[i] != '"')
                    diagnostics.Add(new ConfigDiagnostic(file.At(start), Severity.Error, "a quoted string is not closed", "'\"' before the end of the line"));
                else
                    i++;
                tokens.Add((sb.ToString(), start, true));
            }
            else if (c is '{' or '}' or '[' or ']' or ',' or '=')
            {
                tokens.Add((c.ToString(), line, false));
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or '[' or ']' or ',' or '=' or '"' or '#')) i++;
                tokens.Add((text[start..i], line, false));
            }
        }

        return tokens;
    }
}
