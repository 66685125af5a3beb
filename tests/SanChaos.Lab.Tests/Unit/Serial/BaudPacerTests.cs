using FluentAssertions;
using SanChaos.Labs.Serial;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Serial;

[Trait("Category", "unit")]
public sealed class BaudPacerTests
{
    [Fact]
    public void At_19200_baud_a_busy_line_carries_1920_bytes_a_second_after_its_first_burst()
    {
        var clock = new ManualClock();
        var pacer = new BaudPacer(19200, clock);
        pacer.BytesPerSecond.Should().Be(1920, "8N1 is ten bits a byte");
        pacer.Burst.Should().Be(96, "50 ms of line time");

        var sent = 0;
        for (var step = 0; step < 1000; step++)
        {
            var n = pacer.Available;
            pacer.Take(n);
            sent += n;
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        sent += pacer.Available;
        sent.Should().BeInRange(96 + 19_200 - 1, 96 + 19_200, "10 s at 1920 B/s after a full bucket");
    }

    [Fact]
    public void An_idle_line_holds_at_most_one_burst_and_says_how_long_until_more()
    {
        var clock = new ManualClock();
        var pacer = new BaudPacer(9600, clock);
        clock.Advance(TimeSpan.FromMinutes(10));
        pacer.Available.Should().Be(48, "a line idle for minutes still sends only 50 ms worth at once");
        pacer.Until(24).Should().Be(TimeSpan.Zero);

        pacer.Take(48);
        pacer.Available.Should().Be(0);
        pacer.Until(24).Should().BeCloseTo(TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(0.01), "24 bytes at 960 B/s");
        clock.Advance(TimeSpan.FromMilliseconds(25));
        pacer.Available.Should().Be(24);
    }
}
