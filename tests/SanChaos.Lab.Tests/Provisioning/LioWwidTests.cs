using FluentAssertions;
using Xunit;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Lab.Tests.Provisioning;

[Trait("Category", "unit")]
public sealed class LioWwidTests
{
    [Theory]
    // Only the hex digits of the serial count: s-a-n-c-h-a-o-s-t-e-s-t-0 gives a, c, a, e, 0.
    [InlineData("sanchaos-test-0", "36001405acae000000000000000000000")]
    // targetcli's UUID serials: the first 25 hex digits, dashes skipped (rtslib-fb issue 154: the WWN is the truncated serial).
    [InlineData("4db17aa5-bd26-4ca0-bcb1-98b17b44a756", "360014054db17aa5bd264ca0bcb198b17")]
    [InlineData("ABCDEF", "36001405abcdef0000000000000000000")]
    [InlineData("", "36001405" + "0000000000000000000000000")]
    public void Is_naa_6_with_lios_company_id_and_the_serials_hex_digits(string serial, string wwid)
    {
        LioWwid.FromUnitSerial(serial).Should().Be(wwid).And.HaveLength(33);
    }

    [Fact]
    public void Honours_another_company_id()
    {
        LioWwid.FromUnitSerial("1234", "00a0b8").Should().Be("3600a0b81234000000000000000000000");
        ((Action)(() => LioWwid.FromUnitSerial("1", "xyz"))).Should().Throw<ArgumentException>();
    }
}
