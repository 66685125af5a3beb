using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Serial;
using SanChaos.Observers.Serial;
using Xunit;

namespace SanChaos.Observers.Tests.Serial;

[Trait("Category", "unit")]
public sealed class SerialLineObserverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sanchaos-serial-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The relay's counters as the test sets them.</summary>
    private sealed class Cable : ISerialCableCounters
    {
        public SerialRelayCounters? SerialCounters { get; set; }
    }

    private static SerialRelayCounters Counters(SerialDirectionCounters otterToWeasel, SerialDirectionCounters weaselToOtter) =>
        new("otter", "weasel", otterToWeasel, weaselToOtter) { Baud = 9600 };

    private ObserverContext Context(RunContext run) =>
        new(run, InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml")), new Dictionary<string, INode>(), _dir);

    [Fact]
    public async Task The_scenarios_bytes_per_direction_are_the_change_of_the_relays_counters_between_start_and_stop()
    {
        var cable = new Cable { SerialCounters = Counters(new(5000, 0, 300, 3488, 0, 204), new(4800, 0, 0, 0, 0, 0)) };
        var run = new RunContext();
        var observer = new SerialLineObserver(cable);
        await observer.StartAsync(Context(run), Ct);
        cable.SerialCounters = Counters(new(7000, 20, 300, 3600, 16, 214), new(6800, 21, 96, 0, 0, 40));
        await observer.StopAsync(Ct);
        await observer.StopAsync(Ct); // idempotent

        var lines = run.History.Events.Where(e => e.Kind == SerialEventKinds.Line).ToArray();
        lines.Should().HaveCount(2);
        lines[0].Data.Should().Equal(new Dictionary<string, string>
        {
            ["from"] = "otter", ["to"] = "weasel", ["baud"] = "9600", ["forwarded_bytes"] = "2000", ["dropped_pulled_bytes"] = "20",
            ["dropped_off_bytes"] = "0", ["dropped_closed_bytes"] = "112", ["dropped_overrun_bytes"] = "16", ["flushed_bytes"] = "10",
        });
        lines[1].Data["from"].Should().Be("weasel");
        lines[1].Data["forwarded_bytes"].Should().Be("2000");
        lines[1].Data["dropped_off_bytes"].Should().Be("96");
        lines[1].Data["flushed_bytes"].Should().Be("40");
        lines[0].Message.Should().Be("otter→weasel: 2000 B forwarded, 20 B dropped (pulled), 0 B dropped (weasel off), " +
                                     "112 B dropped (weasel's port closed), 16 B dropped (overrun), 10 B flushed");
        run.History.Events.Select(e => e.Kind).Should().Equal(ObserverEventKinds.Started, SerialEventKinds.Line, SerialEventKinds.Line, ObserverEventKinds.Stopped);
    }

    [Fact]
    public async Task A_relay_that_gives_no_counters_is_recorded_as_missing_data_not_as_zero_bytes()
    {
        var cable = new Cable();
        var run = new RunContext();
        var observer = new SerialLineObserver(cable);
        await observer.StartAsync(Context(run), Ct);
        await observer.StopAsync(Ct);
        run.History.Events.Select(e => e.Kind).Should().Equal(ObserverEventKinds.Failed);

        cable.SerialCounters = Counters(SerialDirectionCounters.Zero, SerialDirectionCounters.Zero);
        var stopped = new RunContext();
        var second = new SerialLineObserver(cable);
        await second.StartAsync(Context(stopped), Ct);
        cable.SerialCounters = null; // the relay stopped during the scenario
        await second.StopAsync(Ct);
        stopped.History.Events.Select(e => e.Kind).Should().Equal(ObserverEventKinds.Started, ObserverEventKinds.Failed);
        SerialLineFigures.From(stopped.History.Events).Should().BeEmpty();
    }

    [Fact]
    public void Figures_per_direction_count_forwarded_dropped_per_reason_and_flushed_bytes_zeros_included()
    {
        static HistoryEvent Line(string from, string to, long fwd, long overrun) => new(0, 0, DateTimeOffset.UnixEpoch, SerialEventKinds.Line, "serial-line", "",
            new Dictionary<string, string>
            {
                ["from"] = from, ["to"] = to, ["baud"] = "9600", ["forwarded_bytes"] = $"{fwd}", ["dropped_pulled_bytes"] = "0",
                ["dropped_off_bytes"] = "0", ["dropped_closed_bytes"] = "0", ["dropped_overrun_bytes"] = $"{overrun}", ["flushed_bytes"] = "0",
            });

        var figures = SerialLineFigures.From([Line("otter", "weasel", 1200, 0), Line("weasel", "otter", 1100, 16)]).ToDictionary(f => f.Name, f => f.Value);

        figures.Keys.Should().Equal(
            "serial_forwarded_bytes otter→weasel", "serial_dropped_bytes otter→weasel (pulled)", "serial_dropped_bytes otter→weasel (off)",
            "serial_dropped_bytes otter→weasel (closed)", "serial_dropped_bytes otter→weasel (overrun)", "serial_flushed_bytes otter→weasel",
            "serial_forwarded_bytes weasel→otter", "serial_dropped_bytes weasel→otter (pulled)", "serial_dropped_bytes weasel→otter (off)",
            "serial_dropped_bytes weasel→otter (closed)", "serial_dropped_bytes weasel→otter (overrun)", "serial_flushed_bytes weasel→otter");
        figures["serial_forwarded_bytes otter→weasel"].Should().Be("1200 B");
        figures["serial_dropped_bytes otter→weasel (overrun)"].Should().Be("0 B");
        figures["serial_dropped_bytes weasel→otter (overrun)"].Should().Be("16 B");
        SerialLineFigures.From([]).Should().BeEmpty();
    }
}
