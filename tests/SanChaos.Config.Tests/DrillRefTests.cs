using FluentAssertions;
using SanChaos.Config;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>Every drill a finding or budget points to exists in features/ with that tag and scenario name.</summary>
[Trait("Category", "unit")]
public sealed class DrillRefTests
{
    public static TheoryData<string> Refs() => new(typeof(Drills).GetFields().Where(f => f.FieldType == typeof(DrillRef)).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Refs))]
    public void The_drill_exists(string field)
    {
        var d = (DrillRef)typeof(Drills).GetField(field)!.GetValue(null)!;
        var path = Path.Combine(Core.Repository.Root(), d.Feature);
        File.Exists(path).Should().BeTrue($"{field} points to {d.Feature}");
        var lines = File.ReadAllLines(path);
        var at = Array.FindIndex(lines, l => l.Trim() is var t && (t == $"Scenario: {d.Scenario}" || t == $"Scenario Outline: {d.Scenario}"));
        at.Should().BeGreaterThan(0, $"{d.Feature} has the scenario \"{d.Scenario}\"");
        var tags = string.Join(' ', lines.Take(at).Reverse().TakeWhile(l => l.TrimStart().StartsWith('@') || l.TrimStart().StartsWith('#')));
        (tags + " " + lines.First(l => l.TrimStart().StartsWith('@'))).Should().Contain("@" + d.Tag);
        d.Planned.Should().BeFalse();
    }
}
