namespace SanChaos.Config.Parsing;

/// <summary>
/// Builds the section tree of a braced format from lexed statements, recovering from missing and extra braces
/// with a diagnostic for each (file, line, what was expected).
/// </summary>
internal static class SectionTreeBuilder
{
    /// <summary>Adds the statements of <paramref name="file"/> to <paramref name="root"/> (a new root when null).</summary>
    public static ConfigSection Build(ConfigFile file, IEnumerable<Statement> statements, NestingRules? rules,
        ICollection<ConfigDiagnostic> diagnostics, ConfigSection? root = null)
    {
        root ??= new ConfigSection("", [], file.At(1), null);
        var stack = new Stack<ConfigSection>();
        stack.Push(root);
        var lastLine = 1;
        foreach (var st in statements)
        {
            lastLine = st.Line;
            switch (st.Kind)
            {
                case StatementKind.Entry:
                    stack.Peek().Add(new ConfigEntry(st.Words[0], st.Words.Skip(1).ToArray(), file.At(st.Line)));
                    break;
                case StatementKind.Open:
                    Open(file, st, rules, stack, diagnostics);
                    break;
                case StatementKind.Close:
                    if (stack.Count == 1)
                        diagnostics.Add(new ConfigDiagnostic(file.At(st.Line), Severity.Error, "'}' closes no open section",
                            "no '}' here (every '}' closes a section opened with '{')"));
                    else
                        stack.Pop();
                    break;
            }
        }

        var endLine = Math.Max(lastLine, file.Lines.Count);
        while (stack.Count > 1)
        {
            var open = stack.Pop();
            diagnostics.Add(new ConfigDiagnostic(file.At(endLine), Severity.Error,
                $"end of file while '{open.Title}' (line {open.Location.Line}) is still open", $"'}}' closing '{open.Title}'"));
        }

        return root;
    }

    private static void Open(ConfigFile file, Statement st, NestingRules? rules, Stack<ConfigSection> stack, ICollection<ConfigDiagnostic> diagnostics)
    {
        var keyword = st.Words[0];
        if (rules is not null && rules.Allows(stack.Peek().Keyword, keyword) == false)
        {
            // The nearest enclosing section that may hold this one; the sections above it were never closed.
            var depth = stack.TakeWhile(s => rules.Allows(s.Keyword, keyword) == false).Count();
            if (depth < stack.Count)
            {
                for (var i = 0; i < depth; i++)
                {
                    var open = stack.Pop();
                    diagnostics.Add(new ConfigDiagnostic(file.At(st.Line), Severity.Error,
                        $"'{keyword}' cannot stand inside '{open.Title}' (line {open.Location.Line}), which is not closed",
                        $"'}}' closing '{open.Title}' before '{keyword}' (read as if it were there)"));
                }
            }
            else
            {
                diagnostics.Add(new ConfigDiagnostic(file.At(st.Line), Severity.Error,
                    $"unknown section '{keyword}' in '{(stack.Peek().Keyword.Length == 0 ? "the top level" : stack.Peek().Title)}'",
                    $"one of: {rules.Describe(stack.Peek().Keyword)}"));
            }
        }

        var section = new ConfigSection(keyword, st.Words.Skip(1).ToArray(), file.At(st.Line), stack.Peek());
        stack.Peek().Add(section);
        stack.Push(section);
    }
}
