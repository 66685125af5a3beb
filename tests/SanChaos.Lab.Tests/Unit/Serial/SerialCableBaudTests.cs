using FluentAssertions;
using SanChaos.Inventory.Loading;
using SanChaos.Labs.Kinds.Embedded;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Serial;

/// <summary>The relay's speed comes from the ha.cf SanChaos renders for the lab (<c>baud</c>), not from a constant.</summary>
[Trait("Category", "unit")]
public sealed class SerialCableBaudTests
{
    private static readonly Inventory.Model.LabInventory Embedded =
        InventoryLoader.Load(Path.Combine(Core.Repository.Root(), "lab", "embedded.yaml"));

    [Fact]
    public void The_embedded_lab_runs_its_cable_at_the_baud_its_ha_cf_says()
    {
        EmbeddedTopology.SerialBaud(Embedded).Should().Be(9600, "lab/embedded.yaml renders `baud 9600` into ha.cf");
        var faster = Embedded with { Sut = Embedded.Sut with { Heartbeat = Embedded.Sut.Heartbeat with { Baud = 38400 } } };
        EmbeddedTopology.SerialBaud(faster).Should().Be(38400);

        var topology = EmbeddedTopology.From(faster, "t1", "ssh-ed25519 AAAA test", serialBaud: EmbeddedTopology.SerialBaud(faster));
        topology.Serial!.Baud.Should().Be(38400);
        EmbeddedTopology.SerialBaud(Embedded with { Serial = null }).Should().Be(19200, "no cable: Heartbeat's default, unused");
    }
}
