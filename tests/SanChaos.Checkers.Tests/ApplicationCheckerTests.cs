using FluentAssertions;
using SanChaos.Checkers.Application;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Core;
using SanChaos.Inventory.Loading;
using SanChaos.Observers.IoProbe;
using Xunit;

namespace SanChaos.Checkers.Tests;

/// <summary>"The application sees no I/O error" and "the I/O stall is at most N" on probe histories (data keys as the probe writes them).</summary>
[Trait("Category", "unit")]
public sealed class ApplicationCheckerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 16, 1, 26, TimeSpan.Zero);

    private static HistoryBuilder Probe(bool errors, double stallMs, bool summary = true)
    {
        var h = new HistoryBuilder(InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml")));
        h.Add(T0, IoEventKinds.Started, "io-probe", "probe started", ("node", "badger"));
        h.Add(T0.AddSeconds(1), IoEventKinds.Stall, "io-probe", $"{stallMs / 1000:0.000} s without an acknowledged write",
            ("node", "badger"), ("duration_ms", stallMs.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (errors)
            h.Add(T0.AddSeconds(20), IoEventKinds.Errors, "io-probe", "3963 write(s) failed (EIO=3963)",
                ("node", "badger"), ("count", "3963"), ("errors", "EIO=3963"), ("duration_ms", "29656"));
        if (summary) h.Add(T0.AddSeconds(90), IoEventKinds.Summary, "io-probe", "7560 writes", ("node", "badger"));
        return h;
    }

    [Fact]
    public void Errors_the_application_got_are_invalid_with_each_window_as_evidence()
    {
        var v = new ApplicationErrorsChecker().Check(Probe(errors: true, 49_972).Input());
        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Contain("3963").And.Contain("EIO=3963");
        v.Evidence.Should().ContainSingle().Which.At.Should().Be(T0.AddSeconds(20));
        v.Figures!["io_errors"].Should().Be(3963);
    }

    [Fact]
    public void A_stall_without_errors_is_valid_for_the_application() =>
        new ApplicationErrorsChecker().Check(Probe(errors: false, 49_972).Input()).Status.Should().Be(VerdictStatus.Valid);

    [Fact]
    public void Without_the_probe_s_summary_errors_are_unknown()
    {
        new ApplicationErrorsChecker().Check(Probe(errors: false, 0, summary: false).Input()).Status.Should().Be(VerdictStatus.Unknown);
        new StallBoundChecker(TimeSpan.FromSeconds(2)).Check(Probe(errors: false, 0, summary: false).Input()).Status.Should().Be(VerdictStatus.Unknown);
    }

    [Theory]
    [InlineData(1_500, VerdictStatus.Valid)]
    [InlineData(2_000, VerdictStatus.Valid)]
    [InlineData(2_001, VerdictStatus.Invalid)]
    [InlineData(49_972, VerdictStatus.Invalid)]
    public void A_stall_is_judged_against_the_bound(double stallMs, VerdictStatus expected)
    {
        var v = new StallBoundChecker(TimeSpan.FromSeconds(2)).Check(Probe(errors: false, stallMs).Input());
        v.Status.Should().Be(expected);
        v.Figures!["stall_s"].Should().BeApproximately(stallMs / 1000, 0.001);
    }
}
