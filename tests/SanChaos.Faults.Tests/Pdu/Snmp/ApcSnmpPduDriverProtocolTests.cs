using FluentAssertions;
using SanChaos.Faults.Pdu;
using SanChaos.Faults.Pdu.Snmp;

using Xunit;

namespace SanChaos.Faults.Tests.Pdu.Snmp;

/// <summary>The driver against a scripted UDP agent: answers a real PDU can give but snmpd's pass cannot.</summary>
[Trait("Category", "pdu")]
public sealed class ApcSnmpPduDriverProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IPduDriver Driver(ScriptedSnmpAgent agent) => PduDrivers.CreateApcSnmp(new ApcSnmpPduOptions
    {
        Host = "127.0.0.1",
        Port = agent.Port,
        Timeout = TimeSpan.FromMilliseconds(300),
        Retries = 0,
    });

    [Fact]
    public async Task A_value_of_the_wrong_type_is_reported_with_what_came_back()
    {
        await using var agent = new ScriptedSnmpAgent(r => [ScriptedSnmpAgent.Reply(r, SnmpValue.OctetString("on"))]);
        await using var pdu = Driver(agent);

        var act = () => pdu.IsOnAsync(1, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.BadResponse);
        e.Message.Should().Contain("OCTET STRING: \"on\"").And.Contain("wrong type").And.Contain("sPDUOutletCtl.1");
        e.Remedy.Should().Contain("RPdu2OutletSwitchedControlCommand");
    }

    [Fact]
    public async Task An_outlet_in_state_outletUnknown_is_an_error_not_a_guess()
    {
        await using var agent = new ScriptedSnmpAgent(r => [ScriptedSnmpAgent.Reply(r, SnmpValue.Integer(4))]);
        await using var pdu = Driver(agent);

        var act = () => pdu.IsOnAsync(6, Ct);

        (await act.Should().ThrowAsync<PduException>()).Which.Message.Should().Contain("4 (outletUnknown)");
    }

    [Fact]
    public async Task Stray_datagrams_before_the_answer_are_ignored()
    {
        await using var agent = new ScriptedSnmpAgent(r =>
        [
            [0x01, 0x02, 0x03],
            new SnmpMessage(r.Version, r.Community, SnmpPduType.GetResponse, r.RequestId + 1, SnmpErrorStatus.NoError, 0, r.VarBinds).Encode(),
            ScriptedSnmpAgent.Reply(r, SnmpValue.Integer(2)),
        ]);
        await using var pdu = Driver(agent);

        (await pdu.IsOnAsync(7, Ct)).Should().BeFalse();
        agent.Requests.Single().Community.Should().Be("public");
        agent.Requests.Single().Version.Should().Be(SnmpVersion.V1);
    }

    [Fact]
    public async Task A_rejected_value_points_at_the_OID_family()
    {
        await using var agent = new ScriptedSnmpAgent(r => [ScriptedSnmpAgent.Reply(r, r.VarBinds[0].Value, SnmpErrorStatus.BadValue)]);
        await using var pdu = Driver(agent);

        var act = () => pdu.PowerOnAsync(2, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.Rejected);
        e.Message.Should().Contain("badValue(3)").And.Contain("1 (outletOn)").And.Contain("Nothing was switched");
        agent.Requests.Single().Community.Should().Be("private");
        agent.Requests.Single().PduType.Should().Be(SnmpPduType.SetRequest);
    }

    [Fact]
    public async Task Only_junk_in_reply_ends_in_no_answer_naming_what_was_ignored()
    {
        await using var agent = new ScriptedSnmpAgent(_ => [[0x30, 0x03, 0x02, 0x01]]);
        await using var pdu = Driver(agent);

        var act = () => pdu.IsOnAsync(1, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.NoAnswer);
        e.Message.Should().Contain("not SNMP");
    }
}
