using SanChaos.Core;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Tests.Fakes;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Kinds.Embedded.Pdu;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>
/// The real embedded Redfish PDU on 127.0.0.1 with a recording actuator, serving the test inventory's outlets, and a
/// lab, catalogue and fault set wired to it the way a drill wires them.
/// </summary>
public sealed class PduRig : IAsyncDisposable
{
    public const string Password = "pdu-s3cret";

    private PduRig(TempDir dir, LabInventory inventory, RedfishPduServer server, RecordingOutletActuator actuator, CapableLab lab)
    {
        Dir = dir;
        Inventory = inventory;
        Server = server;
        Actuator = actuator;
        Lab = lab;
    }

    public TempDir Dir { get; }

    public LabInventory Inventory { get; }

    public RedfishPduServer Server { get; }

    public RecordingOutletActuator Actuator { get; }

    public CapableLab Lab { get; }

    public string PasswordFile => Path.Combine(Dir.Path, "pdu.secret");

    public string JournalPath => Path.Combine(Dir.Path, "state", "faults.json");

    public static async Task<PduRig> StartAsync(string passwordInFile = Password, CancellationToken ct = default, bool serialRelay = false)
    {
        var dir = new TempDir();
        var inventory = TestInventory.Load(dir.File("pdu.secret", passwordInFile + "\n"), serialRelay: serialRelay);
        var actuator = new RecordingOutletActuator();
        var outlets = inventory.Pdus[0].Outlets.ToDictionary(o => o.Outlet, o => o.Feeds);
        var server = new RedfishPduServer(new RedfishPduServerOptions { User = TestInventory.PduUser, Password = Password, Outlets = outlets, Name = "test PDU" }, actuator);
        await server.StartAsync(ct);
        return new PduRig(dir, inventory, server, actuator, new CapableLab(inventory, server.BaseUrl));
    }

    public FaultCatalog Catalog(FaultCatalogOptions? options = null) => new(Lab, options ?? new FaultCatalogOptions
    {
        PowerConfirmTimeout = TimeSpan.FromSeconds(5),
        PowerConfirmInterval = TimeSpan.FromMilliseconds(20),
        PduRequestTimeout = TimeSpan.FromSeconds(5),
    });

    public FaultSet Faults(RunContext run, bool journal = true, bool dryRun = false, Action<string>? output = null) =>
        new(run, Inventory, new FaultSetOptions
        {
            Journal = journal ? new FaultJournal(JournalPath) : null,
            DryRun = dryRun,
            HealTimeout = TimeSpan.FromSeconds(20),
            Output = output ?? (_ => { }),
        });

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Dir.Dispose();
    }
}
