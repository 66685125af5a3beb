using System.Text.RegularExpressions;
using SanChaos.Core.Errors;
using SanChaos.Labs.Provisioning;
using SanChaos.Observers.Timeline;

namespace SanChaos.Checkers.Forbidden;

/// <summary>Reads the forbidden log lines from a command catalog (<see cref="CommandCatalog.Forbidden"/>).</summary>
public static class ForbiddenPatterns
{
    /// <summary>The patterns of <see cref="CommandCatalog.Default"/> (lab/sut/commands.yaml).</summary>
    public static IReadOnlyList<ForbiddenPattern> Default => DefaultPatterns.Value;

    private static readonly Lazy<IReadOnlyList<ForbiddenPattern>> DefaultPatterns = new(() => From(CommandCatalog.Default));

    /// <summary>Compiles every entry; a bad entry fails with its position in the file and what to write.</summary>
    /// <exception cref="SanChaosException">An entry has no name or pattern, an unknown stream, or an invalid pattern.</exception>
    public static IReadOnlyList<ForbiddenPattern> From(CommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Forbidden.Select(row =>
        {
            var where = $"{catalog.Origin} forbidden[{row.Index}]";
            string Need(string key) => row[key] is { Length: > 0 } v ? v
                : throw new SanChaosException($"{where}: no `{key}`.", "each forbidden entry needs name and pattern, e.g. { name: kernel-oops, stream: K, pattern: 'Oops', why: '...' }.");
            var stream = row["stream"] is { Length: > 0 } s ? s : null;
            if (stream is not null && !TimelineRules.Streams.Contains(stream))
                throw new SanChaosException($"{where}: unknown stream `{stream}`.", $"use one of {string.Join(", ", TimelineRules.Streams)}, or leave it out for any stream.");
            try
            {
                var pattern = new Regex(Need("pattern"), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
                return new ForbiddenPattern(Need("name"), stream, pattern, row["why"] ?? "");
            }
            catch (ArgumentException e)
            {
                throw new SanChaosException($"{where}: the pattern is not a valid .NET regular expression: {e.Message}", "fix the pattern (single-quoted YAML: write '' for a quote).", e);
            }
        }).ToArray();
    }
}
