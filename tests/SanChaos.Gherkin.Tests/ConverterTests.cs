using FluentAssertions;
using SanChaos.Gherkin.Bindings;
using Xunit;

namespace SanChaos.Gherkin.Tests;

public sealed class ConverterTests
{
    public enum FaultKind { KillPrimary, PullSerial }

    public sealed record NodeName(string Value);

    public static class Converters
    {
        [StepArgumentConverter]
        public static NodeName Node(string text) =>
            text is "otter" or "weasel" or "badger" ? new NodeName(text) : throw new FormatException($"'{text}' is not a node of the lab (otter, weasel, badger).");
    }

    private readonly ArgumentConverter _c = new([typeof(Converters).GetMethod(nameof(Converters.Node))!]);

    [Theory]
    [InlineData("10 s", 10_000)]
    [InlineData("500 ms", 500)]
    [InlineData("2 min", 120_000)]
    [InlineData("1.5s", 1_500)]
    public void Durations(string text, int ms) => _c.Convert(text, typeof(TimeSpan)).Should().Be(TimeSpan.FromMilliseconds(ms));

    [Fact]
    public void Numbers_booleans_and_enums_in_kebab_case()
    {
        _c.Convert("42", typeof(int)).Should().Be(42);
        _c.Convert("2.5", typeof(double)).Should().Be(2.5);
        _c.Convert("yes", typeof(bool)).Should().Be(true);
        _c.Convert("kill-primary", typeof(FaultKind)).Should().Be(FaultKind.KillPrimary);
        _c.Convert("", typeof(int?)).Should().BeNull();
    }

    [Fact]
    public void Custom_converters_take_node_names()
    {
        _c.Convert("otter", typeof(NodeName)).Should().Be(new NodeName("otter"));
        _c.Invoking(c => c.Convert("ferret", typeof(NodeName))).Should().Throw<FormatException>().WithMessage("*not a node*otter, weasel, badger*");
    }

    [Fact]
    public void Failures_say_what_is_expected()
    {
        _c.Invoking(c => c.Convert("ten", typeof(int))).Should().Throw<FormatException>().WithMessage("*'ten'*whole number*");
        _c.Invoking(c => c.Convert("sideways", typeof(FaultKind))).Should().Throw<FormatException>().WithMessage("*kill-primary, pull-serial*");
        _c.Invoking(c => c.Convert("10 parsecs", typeof(TimeSpan))).Should().Throw<FormatException>().WithMessage("*duration*10 s*");
    }
}
