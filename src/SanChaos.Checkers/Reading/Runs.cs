namespace SanChaos.Checkers.Reading;

/// <summary>Merges consecutive pieces of a <see cref="StorageTimeline"/> sweep that a rule classifies alike.</summary>
internal static class Runs
{
    /// <summary>
    /// The runs of consecutive intervals for which <paramref name="classify"/> gives the same non-null class, with the
    /// node states at the start of each run.
    /// </summary>
    public static IReadOnlyList<(Span Span, TClass Class, IReadOnlyList<NodeAt> Nodes)> Of<TClass>(
        IEnumerable<(Span Span, IReadOnlyList<NodeAt> Nodes)> intervals, Func<IReadOnlyList<NodeAt>, TClass?> classify)
        where TClass : class
    {
        var runs = new List<(Span Span, TClass Class, IReadOnlyList<NodeAt> Nodes)>();
        foreach (var (span, nodes) in intervals)
        {
            var c = classify(nodes);
            if (c is null) continue;
            if (runs.Count > 0 && runs[^1].Span.To == span.From && Equals(runs[^1].Class, c))
                runs[^1] = (new Span(runs[^1].Span.From, span.To), c, runs[^1].Nodes);
            else
                runs.Add((span, c, nodes));
        }

        return runs;
    }

    /// <summary>At most <paramref name="max"/> items, and a last one saying how many were left out.</summary>
    public static IEnumerable<Evidence> Capped(IReadOnlyList<Evidence> evidence, int max) =>
        evidence.Count <= max ? evidence : evidence.Take(max).Append(new Evidence($"... and {evidence.Count - max} more of the same kind"));
}
