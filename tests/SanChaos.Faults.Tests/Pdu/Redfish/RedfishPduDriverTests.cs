using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using SanChaos.Faults.Pdu;
using SanChaos.Faults.Pdu.Redfish;

using Xunit;

namespace SanChaos.Faults.Tests.Pdu.Redfish;

/// <summary>The Redfish driver against the real embedded Redfish PDU server over loopback.</summary>
[Trait("Category", "pdu")]
public sealed class RedfishPduDriverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Switches_an_outlet_off_and_on_through_the_actuator_and_reads_the_state()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        await using var pdu = lab.Client();

        (await pdu.IsOnAsync(1, Ct)).Should().BeTrue();
        await pdu.PowerOffAsync(1, Ct);
        lab.Actuator.IsPowered("otter").Should().BeFalse();
        (await pdu.IsOnAsync(1, Ct)).Should().BeFalse();

        await pdu.PowerOnAsync(1, Ct);
        (await pdu.IsOnAsync(1, Ct)).Should().BeTrue();
        lab.Actuator.Calls.Should().Equal("off otter", "on otter");
    }

    [Fact]
    public async Task The_state_read_is_the_actuators_not_a_cached_copy()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        await using var pdu = lab.Client();

        lab.Actuator.Set("switch-a", false);

        (await pdu.IsOnAsync(3, Ct)).Should().BeFalse();
        (await pdu.IsOnAsync(4, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_names_the_user_and_the_credentials_source_and_switches_nothing()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        await using var pdu = lab.Client(password: "Hunter2-not-it");

        var act = () => pdu.PowerOffAsync(2, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.AuthenticationFailed);
        e.Outlet.Should().Be(2);
        e.PduAddress.Should().Be($"http://127.0.0.1:{lab.Server.Port}");
        e.Message.Should().Contain("HTTP 401").And.Contain($"'{RedfishLab.User}'").And.Contain("Nothing was switched").And.NotContain("Hunter2-not-it");
        e.Remedy.Should().Contain("lab/test.yaml pdus.pdu1");
        lab.Actuator.Calls.Should().BeEmpty();
        lab.Actuator.IsPowered("beaver").Should().BeTrue();
    }

    [Fact]
    public async Task An_unknown_outlet_lists_the_outlets_the_PDU_reports()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        await using var pdu = lab.Client();

        var act = () => pdu.PowerOffAsync(9, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.UnknownOutlet);
        e.Message.Should().Contain("no outlet 9").And.Contain("HTTP 404").And.Contain("reports outlets: 1, 2, 3, 4");
        lab.Actuator.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_wrong_PDU_id_lists_the_rack_PDUs()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        await using var pdu = lab.Client(pduId: "7");

        var act = () => pdu.IsOnAsync(1, Ct);

        (await act.Should().ThrowAsync<PduException>()).Which.Message.Should().Contain("no rack PDU '7'").And.Contain("rack PDUs: 1");
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_unreachable_and_the_address_is_named()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        await using var pdu = PduDrivers.CreateRedfish(new RedfishPduOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/"), User = "u", Password = "p" });

        var act = () => pdu.PowerOffAsync(1, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.Unreachable);
        e.Message.Should().Contain($"http://127.0.0.1:{port}").And.Contain("unreachable").And.Contain("ConnectionRefused");
    }

    [Fact]
    public async Task A_PDU_that_accepts_but_never_answers_times_out()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var pdu = PduDrivers.CreateRedfish(new RedfishPduOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{port}/"),
            User = "u",
            Password = "p",
            Timeout = TimeSpan.FromMilliseconds(300),
        });

        var act = () => pdu.IsOnAsync(1, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.Unreachable);
        e.Message.Should().Contain("did not answer").And.Contain("0.3 s");
    }

    [Fact]
    public async Task An_actuator_failure_is_a_500_with_its_message_and_the_state_stays_truthful()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        await using var pdu = lab.Client();
        lab.Actuator.FailPowerOff["beaver"] = "relay 2 welded shut";

        var act = () => pdu.PowerOffAsync(2, Ct);

        var e = (await act.Should().ThrowAsync<PduException>()).Which;
        e.Kind.Should().Be(PduErrorKind.Rejected);
        e.Message.Should().Contain("HTTP 500").And.Contain("relay 2 welded shut").And.Contain("beaver").And.Contain("read the outlet back");
        (await pdu.IsOnAsync(2, Ct)).Should().BeTrue();
    }
}
