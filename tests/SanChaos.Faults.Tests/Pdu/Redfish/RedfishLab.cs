using SanChaos.Faults.Pdu;
using SanChaos.Faults.Pdu.Redfish;
using SanChaos.Faults.Tests.Fakes;
using SanChaos.Labs.Kinds.Embedded.Pdu;

namespace SanChaos.Faults.Tests.Pdu.Redfish;

/// <summary>A running RedfishPduServer on a free loopback port with a recording actuator, and clients for it.</summary>
public sealed class RedfishLab : IAsyncDisposable
{
    public const string User = "pduadmin";
    public const string Password = "s3cret-Pw";

    private RedfishLab(RedfishPduServer server, RecordingOutletActuator actuator)
    {
        Server = server;
        Actuator = actuator;
    }

    public RedfishPduServer Server { get; }

    public RecordingOutletActuator Actuator { get; }

    public static readonly IReadOnlyDictionary<int, string> Outlets = new Dictionary<int, string>
    {
        [1] = "otter",
        [2] = "beaver",
        [3] = "switch-a",
        [4] = "switch-b",
    };

    public static async Task<RedfishLab> StartAsync(CancellationToken ct)
    {
        var actuator = new RecordingOutletActuator();
        var server = new RedfishPduServer(new RedfishPduServerOptions { User = User, Password = Password, Outlets = Outlets, Name = "test PDU" }, actuator);
        await server.StartAsync(ct);
        return new RedfishLab(server, actuator);
    }

    public IPduDriver Client(string password = Password, string pduId = "1", TimeSpan? timeout = null) => PduDrivers.CreateRedfish(new RedfishPduOptions
    {
        BaseUrl = Server.BaseUrl,
        PduId = pduId,
        User = User,
        Password = password,
        CredentialsSource = "lab/test.yaml pdus.pdu1",
        Timeout = timeout ?? TimeSpan.FromSeconds(2),
    });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
