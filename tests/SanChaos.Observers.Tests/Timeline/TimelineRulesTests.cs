using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Labs.Provisioning;
using SanChaos.Observers.Timeline;
using Xunit;

namespace SanChaos.Observers.Tests.Timeline;

[Trait("Category", "unit")]
public sealed class TimelineRulesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sanchaos-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<TimelineRule> Load(string timeline)
    {
        File.WriteAllText(Path.Combine(_dir, "commands.yaml"), "values: {}\ncommands: {}\npatterns: {}\ntimeline:\n" + timeline);
        return TimelineRules.From(CommandCatalog.Load(SutData.FromDirectory(_dir)));
    }

    [Fact]
    public void The_shipped_rules_compile_and_cover_every_stream() =>
        TimelineRules.From(CommandCatalog.Default).Select(r => r.Stream).Distinct().Should().BeEquivalentTo(TimelineRules.Streams);

    [Fact]
    public void An_unknown_stream_is_refused_with_its_position_and_the_streams_to_use() =>
        FluentActions.Invoking(() => Load("  - { stream: X, kind: a.b, pattern: 'x' }\n"))
            .Should().Throw<SanChaosException>().Where(e => e.Message.Contains("timeline[0]") && e.Message.Contains("unknown stream `X`") && e.Remedy.Contains("H"));

    [Fact]
    public void A_key_that_is_not_a_group_of_the_pattern_is_refused() =>
        FluentActions.Invoking(() => Load("  - { stream: S, kind: a.b, pattern: 'x' }\n  - { stream: S, kind: a.c, key: dev, pattern: '(?<other>x)' }\n"))
            .Should().Throw<SanChaosException>().Where(e => e.Message.Contains("timeline[1]") && e.Message.Contains("no group `dev`") && e.Remedy.Contains("other"));

    [Fact]
    public void A_pattern_that_does_not_compile_is_refused_with_the_regex_error() =>
        FluentActions.Invoking(() => Load("  - { stream: H, kind: a.b, pattern: '(unclosed' }\n"))
            .Should().Throw<SanChaosException>().Where(e => e.Message.Contains("not a valid .NET regular expression"));
}
