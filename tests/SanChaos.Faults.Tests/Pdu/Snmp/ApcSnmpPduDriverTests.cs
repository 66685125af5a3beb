using FluentAssertions;
using SanChaos.Faults.Pdu;
using SanChaos.Faults.Pdu.Snmp;

using Xunit;

namespace SanChaos.Faults.Tests.Pdu.Snmp;

/// <summary>The APC SNMP driver against a real net-snmp snmpd serving the PowerNet-MIB outlet columns.</summary>
[Trait("Category", "pdu")]
public sealed class ApcSnmpPduDriverTests(SnmpdFixture snmpd) : IClassFixture<SnmpdFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V2c_switches_an_outlet_off_and_on_and_reads_it_back()
    {
        await using var pdu = PduDrivers.CreateApcSnmp(snmpd.Options(SnmpVersion.V2c));

        await pdu.PowerOffAsync(1, Ct);
        snmpd.StateOf(1).Should().Be(2);
        (await pdu.IsOnAsync(1, Ct)).Should().BeFalse();

        await pdu.PowerOnAsync(1, Ct);
        snmpd.StateOf(1).Should().Be(1);
        (await pdu.IsOnAsync(1, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task V1_switches_an_outlet_off_and_on_and_reads_it_back()
    {
        await using var pdu = PduDrivers.CreateApcSnmp(snmpd.Options(SnmpVersion.V1));

        await pdu.PowerOffAsync(2, Ct);
        (await pdu.IsOnAsync(2, Ct)).Should().BeFalse();
        snmpd.StateOf(2).Should().Be(2);

        await pdu.PowerOnAsync(2, Ct);
        (await pdu.IsOnAsync(2, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task The_rPDU2_family_uses_its_own_column()
    {
        await using var pdu = PduDrivers.CreateApcSnmp(snmpd.Options(family: ApcOutletOidFamily.RPdu2OutletSwitchedControlCommand));

        await pdu.PowerOffAsync(3, Ct);
        (await pdu.IsOnAsync(3, Ct)).Should().BeFalse();
        snmpd.Calls.Should().Contain("-s .1.3.6.1.4.1.318.1.1.26.9.2.4.1.5.3 integer 2");

        await pdu.PowerOnAsync(3, Ct);
        (await pdu.IsOnAsync(3, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task A_write_community_the_agent_does_not_know_gets_no_answer_and_changes_nothing()
    {
        await using var pdu = PduDrivers.CreateApcSnmp(snmpd.Options(writeCommunity: "not-a-community", timeout: TimeSpan.FromMilliseconds(150), retries: 1));

        var act = () => pdu.PowerOffAsync(4, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.NoAnswer);
        e.Outlet.Should().Be(4);
        e.Message.Should().Contain($"127.0.0.1:{snmpd.Port}").And.Contain("unreachable").And.Contain("community")
            .And.Contain("the test's snmpd.conf").And.Contain("most likely not switched").And.NotContain("not-a-community");
        e.Remedy.Should().Contain("write community");
        snmpd.StateOf(4).Should().Be(1);
        (await pdu.IsOnAsync(4, Ct)).Should().BeTrue();
    }

    [Theory]
    [InlineData(SnmpVersion.V2c)]
    [InlineData(SnmpVersion.V1)]
    public async Task A_read_only_community_used_for_writing_is_refused_and_changes_nothing(SnmpVersion version)
    {
        await using var pdu = PduDrivers.CreateApcSnmp(snmpd.Options(version, writeCommunity: SnmpdFixture.ReadCommunity));

        var act = () => pdu.PowerOffAsync(5, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.AccessDenied);
        e.Message.Should().Contain(version == SnmpVersion.V2c ? "noAccess(6)" : "noSuchName(2)")
            .And.Contain("read-only").And.Contain("outlet exists").And.Contain("Nothing was switched");
        snmpd.StateOf(5).Should().Be(1);
    }

    [Theory]
    [InlineData(SnmpVersion.V2c)]
    [InlineData(SnmpVersion.V1)]
    public async Task Reading_an_unknown_outlet_lists_the_outlets_the_PDU_reports(SnmpVersion version)
    {
        await using var pdu = PduDrivers.CreateApcSnmp(snmpd.Options(version));

        var act = () => pdu.IsOnAsync(99, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.UnknownOutlet);
        e.Outlet.Should().Be(99);
        e.Message.Should().Contain("no outlet 99").And.Contain("1, 2, 3, 4, 5, 6, 7, 8")
            .And.Contain(version == SnmpVersion.V2c ? "noSuchInstance" : "noSuchName");
    }

    [Fact]
    public async Task Switching_an_unknown_outlet_is_reported_as_unknown_not_as_a_community_problem()
    {
        await using var pdu = PduDrivers.CreateApcSnmp(snmpd.Options(SnmpVersion.V2c));

        var act = () => pdu.PowerOffAsync(42, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.UnknownOutlet);
        e.Message.Should().Contain("notWritable(17)").And.Contain("1, 2, 3, 4, 5, 6, 7, 8").And.Contain("Nothing was switched");
    }

    [Fact]
    public async Task A_port_without_an_agent_is_reported_unreachable_with_its_address()
    {
        var port = SnmpdFixture.FreeUdpPort();
        await using var pdu = PduDrivers.CreateApcSnmp(new ApcSnmpPduOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Timeout = TimeSpan.FromMilliseconds(200),
            Retries = 1,
        });

        var act = () => pdu.PowerOffAsync(1, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.Unreachable, "the loopback answers ICMP port unreachable");
        e.PduAddress.Should().Be($"127.0.0.1:{port}");
        e.Message.Should().Contain($"127.0.0.1:{port}").And.Contain("unreachable");
    }
}
