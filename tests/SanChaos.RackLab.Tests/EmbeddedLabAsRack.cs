using SanChaos.Core.Errors;
using SanChaos.Drills;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.Uml;
using SanChaos.Session;
using SanChaos.Session.Keeper;
using Xunit;

[assembly: AssemblyFixture(typeof(SanChaos.RackLab.Tests.EmbeddedLabAsRack))]

namespace SanChaos.RackLab.Tests;

/// <summary>
/// A running embedded lab described as a rack (<see cref="RackInventoryExport"/>), and the drills' shared lab pointed at
/// that description: the drills then run the rack lab's code (HardwareLab: OpenSSH through an ssh_config jump with host
/// keys checked, idempotent provisioning, the PDU over Redfish, cables cut at the node, the serial cable through its PDU
/// relay, capture streamed from the client) against the embedded lab's real SAN. The embedded lab is a keeper's when one
/// runs for lab/embedded.yaml (left running; never with CI=true), otherwise one brought up here on first use and taken
/// down at the end.
/// </summary>
public sealed class EmbeddedLabAsRack : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ILab? _embedded;
    private bool _own;
    private LabLock? _lock;
    private string? _directory;
    private Exception? _failure;

    /// <summary>Shows lab progress live, as the drill suite does.</summary>
    public EmbeddedLabAsRack() => SharedLab.Progress = line =>
    {
        Console.Error.WriteLine($"[lab] {line}");
        TestContext.Current.SendDiagnosticMessage($"[lab] {line}");
    };

    /// <summary>The rack inventory of the running embedded lab; the first call brings the lab up and writes it.</summary>
    public async Task<string> InventoryAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_failure is not null) throw new SanChaosException($"The embedded lab under the rack inventory did not come up earlier in this run: {_failure.Message}", "fix that error first.", _failure);
            if (_directory is not null) return Path.Combine(_directory, RackInventoryExport.InventoryFile);
            try
            {
                var inventory = InventoryLoader.LoadForRun(Path.Combine(SharedLab.RepositoryRoot(), "lab", "embedded.yaml"));
                // A developer's kept lab (`lab up --detach`) is used and left running. Not in CI: there the drill suite's keeper
                // tests bring up and take down a keeper of their own alongside this project, which must not be the lab
                // under these drills.
                _embedded = Environment.GetEnvironmentVariable("CI") == "true" ? null : AttachedLab.TryAttach(inventory);
                if (_embedded is null)
                {
                    LabFactory.Preflight(inventory, HostPreflight.RunDotnetAsRoot);
                    _lock = await LabLock.AcquireAsync(TimeSpan.FromMinutes(60), SharedLab.Progress, ct: ct);
                    _own = true;
                    _embedded = LabFactory.Create(inventory, new LabOptions { Progress = SharedLab.Progress });
                    await _embedded.UpAsync(ct);
                }
                else
                {
                    // One drill process at a time on a kept lab, whichever inventory it drills through.
                    _lock = await LabLock.AcquireAsync(TimeSpan.FromMinutes(60), SharedLab.Progress, Path.Combine(KeeperPaths.Default.Directory, "drills.lock"), ct);
                    SharedLab.Progress("using the keeper's embedded lab under the rack inventory (it stays up)");
                }

                _directory = Directory.CreateTempSubdirectory("sanchaos-rack-").FullName;
                var files = await RackInventoryExport.WriteAsync(_embedded, UmlLab.DefaultSshKeyFile, _directory, ct);
                SharedLab.Progress($"the embedded lab described as a rack: {files.Inventory}");
                // The drills' shared lab reads $SANCHAOS_LAB on first use: from here on it is the rack.
                Environment.SetEnvironmentVariable(InventoryLoader.EnvironmentVariable, files.Inventory);
                return files.Inventory;
            }
            catch (Exception e)
            {
                _failure = e;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the rack lab's connections, writes the run's results, then takes down the embedded lab it brought up.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (DrillRun.WriteResults() is { } line) SharedLab.Progress(line);
            await SharedLab.ReleaseAsync();
        }
        finally
        {
            try
            {
                if (_embedded is not null)
                {
                    // Our own lab is taken down by its disposal; a keeper's is only let go of.
                    SharedLab.Progress(_own ? "taking the embedded lab down" : "leaving the keeper's embedded lab running");
                    await _embedded.DisposeAsync();
                }
            }
            finally
            {
                _lock?.Dispose();
                if (_directory is not null) Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
