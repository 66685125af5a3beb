using FluentAssertions;
using SanChaos.Reporting.Allure;
using Xunit;

namespace SanChaos.Reporting.Tests.Allure;

[Trait("Category", "unit")]
public sealed class ExamplesNameTests
{
    [Fact]
    public void An_Examples_row_s_name_splits_into_the_name_and_its_values()
    {
        var (name, values) = ExamplesName.Parse("A storage switch loses power (switch: storage-a, within: 30 s)");
        name.Should().Be("A storage switch loses power");
        values.Should().Equal(new KeyValuePair<string, string>("switch", "storage-a"), new KeyValuePair<string, string>("within", "30 s"));
    }

    [Theory]
    [InlineData("The primary loses power")]
    [InlineData("The primary loses power (hard)")]
    [InlineData("(a: b)")]
    public void A_plain_name_has_no_values(string text)
    {
        var (name, values) = ExamplesName.Parse(text);
        name.Should().Be(text);
        values.Should().BeEmpty();
    }
}
