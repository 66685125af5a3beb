using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Faults.Pdu;
using SanChaos.Faults.Pdu.Redfish;
using SanChaos.Faults.Tests.Fakes;
using SanChaos.Labs.Kinds.Embedded.Pdu;

using Xunit;

namespace SanChaos.Faults.Tests.Pdu.Redfish;

/// <summary>The embedded Redfish PDU seen by a plain HTTP client: resource shapes, auth, errors, lifecycle.</summary>
[Trait("Category", "pdu")]
public sealed class RedfishPduServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Http(RedfishLab lab, string? password = RedfishLab.Password)
    {
        var http = new HttpClient { BaseAddress = lab.Server.BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        if (password is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RedfishLab.User}:{password}")));
        }

        return http;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.GetValues("OData-Version").Should().Equal("4.0");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    [Fact]
    public async Task An_outlet_says_when_its_power_last_changed_when_the_lab_records_it_and_the_driver_reads_it()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        using var http = Http(lab);
        await using var driver = lab.Client();
        var record = (IOutletSwitchRecord)driver;

        var before = await GetJsonAsync(http, "redfish/v1/PowerEquipment/RackPDUs/1/Outlets/1");
        before.GetProperty("Oem").GetProperty("SanChaos").TryGetProperty("PowerStateChanged", out _).Should().BeFalse("nothing was switched yet");
        (await record.SwitchedAtAsync(1, Ct)).Should().BeNull();

        lab.Actuator.Clock = TimeProvider.System;
        await driver.PowerOffAsync(1, Ct);
        var at = lab.Actuator.PowerChangedAt("otter")!.Value;

        var after = await GetJsonAsync(http, "redfish/v1/PowerEquipment/RackPDUs/1/Outlets/1");
        DateTimeOffset.Parse(after.GetProperty("Oem").GetProperty("SanChaos").GetProperty("PowerStateChanged").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture).Should().Be(at);
        (await record.SwitchedAtAsync(1, Ct)).Should().Be(at);
    }

    [Fact]
    public async Task An_outlet_has_the_Redfish_Outlet_shape()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        using var http = Http(lab);
        lab.Actuator.Set("switch-a", false);

        var outlet = await GetJsonAsync(http, "redfish/v1/PowerEquipment/RackPDUs/1/Outlets/3");

        outlet.GetProperty("@odata.id").GetString().Should().Be("/redfish/v1/PowerEquipment/RackPDUs/1/Outlets/3");
        outlet.GetProperty("@odata.type").GetString().Should().Be("#Outlet.v1_4_0.Outlet");
        outlet.GetProperty("Id").GetString().Should().Be("3");
        outlet.GetProperty("PowerState").GetString().Should().Be("Off");
        var action = outlet.GetProperty("Actions").GetProperty("#Outlet.PowerControl");
        action.GetProperty("target").GetString().Should().Be("/redfish/v1/PowerEquipment/RackPDUs/1/Outlets/3/Actions/Outlet.PowerControl");
        action.GetProperty("PowerState@Redfish.AllowableValues").EnumerateArray().Select(v => v.GetString()).Should().Contain(["On", "Off"]);
        outlet.GetProperty("Oem").GetProperty("SanChaos").GetProperty("Device").GetString().Should().Be("switch-a");
    }

    [Fact]
    public async Task The_resource_tree_links_from_the_service_root_to_every_outlet()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        using var anonymous = Http(lab, password: null);
        using var http = Http(lab);

        var root = await GetJsonAsync(anonymous, "redfish/v1/"); // the service root needs no credentials
        root.GetProperty("@odata.type").GetString().Should().StartWith("#ServiceRoot.");
        var equipment = await GetJsonAsync(http, root.GetProperty("PowerEquipment").GetProperty("@odata.id").GetString()!);
        equipment.GetProperty("@odata.type").GetString().Should().StartWith("#PowerEquipment.");
        var pdus = await GetJsonAsync(http, equipment.GetProperty("RackPDUs").GetProperty("@odata.id").GetString()!);
        pdus.GetProperty("Members@odata.count").GetInt32().Should().Be(1);
        var pdu = await GetJsonAsync(http, pdus.GetProperty("Members")[0].GetProperty("@odata.id").GetString()!);
        pdu.GetProperty("@odata.type").GetString().Should().StartWith("#PowerDistribution.");
        pdu.GetProperty("EquipmentType").GetString().Should().Be("RackPDU");
        var outlets = await GetJsonAsync(http, pdu.GetProperty("Outlets").GetProperty("@odata.id").GetString()!);
        outlets.GetProperty("@odata.type").GetString().Should().Be("#OutletCollection.OutletCollection");
        outlets.GetProperty("Members").EnumerateArray().Select(m => m.GetProperty("@odata.id").GetString()).Should().Equal(
            Enumerable.Range(1, 4).Select(n => $"/redfish/v1/PowerEquipment/RackPDUs/1/Outlets/{n}"));
    }

    [Fact]
    public async Task Without_valid_credentials_the_answer_is_401_with_a_Basic_challenge()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        using var anonymous = Http(lab, password: null);
        using var wrong = Http(lab, password: "nope");

        using var r1 = await anonymous.GetAsync("redfish/v1/PowerEquipment/RackPDUs/1/Outlets/1", Ct);
        using var r2 = await wrong.PostAsync("redfish/v1/PowerEquipment/RackPDUs/1/Outlets/1/Actions/Outlet.PowerControl", Json("""{"PowerState":"Off"}"""), Ct);

        r1.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        r1.Headers.WwwAuthenticate.Single().Scheme.Should().Be("Basic");
        r2.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await r2.Content.ReadAsStringAsync(Ct)).Should().Contain("password is wrong");
        lab.Actuator.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"PowerState":"Sideways"}""", "not in the list")]
    [InlineData("""{"State":"Off"}""", "requires the parameter PowerState")]
    [InlineData("""{"PowerState":""", "not valid JSON")]
    public async Task A_bad_PowerControl_body_is_a_400_and_switches_nothing(string body, string message)
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        using var http = Http(lab);

        using var r = await http.PostAsync("redfish/v1/PowerEquipment/RackPDUs/1/Outlets/1/Actions/Outlet.PowerControl", Json(body), Ct);

        r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        error.GetProperty("message").GetString().Should().Contain(message);
        error.GetProperty("@Message.ExtendedInfo")[0].GetProperty("MessageId").GetString().Should().StartWith("Base.");
        lab.Actuator.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task PowerControl_answers_204_and_PowerCycle_turns_off_then_on()
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        using var http = Http(lab);

        using var r = await http.PostAsync("redfish/v1/PowerEquipment/RackPDUs/1/Outlets/4/Actions/Outlet.PowerControl", Json("""{"PowerState":"PowerCycle"}"""), Ct);

        r.StatusCode.Should().Be(HttpStatusCode.NoContent);
        lab.Actuator.Calls.Should().Equal("off switch-b", "on switch-b");
    }

    [Theory]
    [InlineData("redfish/v1/PowerEquipment/RackPDUs/1/Outlets/5")]
    [InlineData("redfish/v1/PowerEquipment/RackPDUs/1/Outlets/x")]
    [InlineData("redfish/v1/PowerEquipment/RackPDUs/2/Outlets/1")]
    [InlineData("redfish/v1/Systems")]
    public async Task Unknown_resources_are_404_with_a_Redfish_error(string path)
    {
        await using var lab = await RedfishLab.StartAsync(Ct);
        using var http = Http(lab);

        using var r = await http.GetAsync(path, Ct);

        r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await r.Content.ReadAsStringAsync(Ct)).Should().Contain("ResourceMissingAtURI");
    }

    [Fact]
    public async Task Stopping_releases_the_port_and_a_fixed_port_can_be_reused()
    {
        var actuator = new RecordingOutletActuator();
        var server = new RedfishPduServer(new RedfishPduServerOptions { Password = "pw", Outlets = RedfishLab.Outlets }, actuator);
        await server.StartAsync(Ct);
        var port = server.Port;
        await server.DisposeAsync();
        await server.DisposeAsync(); // idempotent

        using (var client = new TcpClient())
        {
            var connect = () => client.ConnectAsync(IPAddress.Loopback, port, Ct).AsTask();
            await connect.Should().ThrowAsync<SocketException>();
        }

        await using var again = new RedfishPduServer(new RedfishPduServerOptions { Port = port, Password = "pw", Outlets = RedfishLab.Outlets }, actuator);
        await again.StartAsync(Ct);
        again.Port.Should().Be(port);

        await using var third = new RedfishPduServer(new RedfishPduServerOptions { Port = port, Password = "pw", Outlets = RedfishLab.Outlets }, actuator);
        var clash = () => third.StartAsync(Ct);
        (await clash.Should().ThrowAsync<SanChaosException>()).Which.Message.Should().Contain($"127.0.0.1:{port}");
    }

    [Fact]
    public async Task Stopping_lets_a_power_off_in_progress_finish()
    {
        var actuator = new RecordingOutletActuator { PowerOffTakes = TimeSpan.FromMilliseconds(200) };
        var server = new RedfishPduServer(new RedfishPduServerOptions { User = RedfishLab.User, Password = RedfishLab.Password, Outlets = RedfishLab.Outlets }, actuator);
        await server.StartAsync(Ct);
        var port = server.Port;
        await using var pdu = PduDrivers.CreateRedfish(new RedfishPduOptions { BaseUrl = server.BaseUrl, User = RedfishLab.User, Password = RedfishLab.Password });

        var off = pdu.PowerOffAsync(1, Ct);
        await Wait.UntilAsync("the power-off reached the actuator", _ => Task.FromResult(new Probe(actuator.Calls.Count > 0, $"{actuator.Calls.Count} calls")), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(5), ct: Ct);
        await server.StopAsync();

        await off; // answered before the listener closed
        actuator.IsPowered("otter").Should().BeFalse();
        server.IsRunning.Should().BeFalse();
        var connect = async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, Ct);
        };
        await connect.Should().ThrowAsync<SocketException>();
    }

    [Fact]
    public async Task Stopping_cancels_an_actuator_call_that_outlasts_the_grace_period()
    {
        var actuator = new RecordingOutletActuator { PowerOffTakes = TimeSpan.FromSeconds(30) };
        var server = new RedfishPduServer(
            new RedfishPduServerOptions { User = RedfishLab.User, Password = RedfishLab.Password, Outlets = RedfishLab.Outlets, StopGrace = TimeSpan.FromMilliseconds(100) },
            actuator);
        await server.StartAsync(Ct);
        await using var pdu = PduDrivers.CreateRedfish(new RedfishPduOptions { BaseUrl = server.BaseUrl, User = RedfishLab.User, Password = RedfishLab.Password });

        var off = pdu.PowerOffAsync(2, Ct);
        await Wait.UntilAsync("the power-off reached the actuator", _ => Task.FromResult(new Probe(actuator.Calls.Count > 0, $"{actuator.Calls.Count} calls")), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(5), ct: Ct);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        var e = (await off.Invoking(async t => await t).Should().ThrowAsync<PduException>()).Which;
        e.Message.Should().Contain("HTTP 503").And.Contain("state is unknown");
        actuator.IsPowered("beaver").Should().BeTrue();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
