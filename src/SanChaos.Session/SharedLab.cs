using SanChaos.Core.Errors;
using SanChaos.Core.Secrets;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.Uml;

namespace SanChaos.Session;

/// <summary>
/// The one lab of a test process: opened from <c>$SANCHAOS_LAB</c> (default <c>lab/embedded.yaml</c>) on
/// first use, brought up once, shared by every scenario (they run one at a time) and taken down by
/// <see cref="ReleaseAsync"/> at the end of the run. A lab that failed to come up fails every later
/// scenario at once with the same error instead of trying again. When a keeper (<c>sanchaos lab up --detach</c>) holds
/// a lab of the same inventory, that lab is used and left running.
/// </summary>
public static class SharedLab
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ILab? _lab;
    private static LabLock? _lock;
    private static Exception? _failure;

    /// <summary>
    /// Progress lines go here (the test output). Default: standard error. Every line is redacted (<see cref="Redactor"/>)
    /// before the writer set here sees it.
    /// </summary>
    public static Action<string> Progress { get; set => field = Redactor.Wrap(value); } = Redactor.Wrap(line => Console.Error.WriteLine($"[lab] {line}"));

    /// <summary>The repository root: the folder holding SanChaos.sln above the current directory or the binary.</summary>
    public static string RepositoryRoot() => Core.Repository.Root();

    /// <summary>The running lab, brought up on first call.</summary>
    public static async Task<ILab> GetAsync(CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_failure is not null)
                throw new SanChaosException($"The lab did not come up earlier in this run: {_failure.Message}", "fix that error first; later scenarios are not retried.", _failure);
            if (_lab is not null) return _lab;
            try
            {
                var path = InventoryLoader.ResolvePath(RepositoryRoot());
                var inventory = InventoryLoader.LoadForRun(path);
                Progress($"lab {inventory.Name} ({inventory.Kind.ToString().ToLowerInvariant()}) from {path}");
                LabFactory.Preflight(inventory, HostPreflight.RunDotnetAsRoot);
                // A lab a keeper holds (`sanchaos lab up --detach`) for this inventory is used as it is and left running.
                if (inventory.Kind == Inventory.Model.LabKind.Embedded && Keeper.AttachedLab.TryAttach(inventory) is { } attached)
                {
                    // One drill process at a time on the kept lab, as on a lab of its own.
                    _lock = await LabLock.AcquireAsync(TimeSpan.FromMinutes(60), Progress,
                        Path.Combine(Keeper.KeeperPaths.Default.Directory, "drills.lock"), ct).ConfigureAwait(false);
                    Progress($"using the running lab of keeper PID {attached.Description.Pid} (run {attached.Description.RunId}, brought up in " +
                             $"{attached.Description.UpSeconds:0.0} s); it stays up after this run");
                    return _lab = attached;
                }

                // The machine's lock guards the embedded lab's resources (namespaces, TUN devices, CPU); a rack or VMs are
                // guarded by a lock of their own, so two runs never drill the same rack, and a rack drill may run beside
                // an embedded lab (the rack lab's tests drill the embedded lab through the rack code).
                _lock = await LabLock.AcquireAsync(TimeSpan.FromMinutes(60), Progress, LockPath(inventory), ct).ConfigureAwait(false);
                var lab = LabFactory.Create(inventory, new LabOptions { Progress = Progress });
                await lab.UpAsync(ct).ConfigureAwait(false);
                if (lab is EmbeddedLab { UpReport: { } report }) Progress($"lab up in {report.Total.TotalSeconds:0.0} s");
                return _lab = lab;
            }
            catch (Exception e)
            {
                _failure = e;
                _lock?.Dispose();
                _lock = null;
                throw;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The lock a lab of <paramref name="inventory"/> is drilled under: the machine's for the embedded lab, one per lab name otherwise.</summary>
    public static string LockPath(Inventory.Model.LabInventory inventory) =>
        inventory.Kind == Inventory.Model.LabKind.Embedded ? LabLock.DefaultPath
        : Path.Combine(Path.GetDirectoryName(LabLock.DefaultPath)!, $"lab-{inventory.Kind.ToString().ToLowerInvariant()}-{inventory.Name}.lock");

    private static ILab? _planned;

    /// <summary>
    /// The lab of <c>$SANCHAOS_LAB</c> as an object only, for a dry run: the inventory is loaded and checked and the lab
    /// created, but nothing is brought up, locked, attached or connected (no SSH, no PDU request, no namespace).
    /// </summary>
    public static ILab Plan()
    {
        lock (Gate)
        {
            if (_planned is not null) return _planned;
            var path = InventoryLoader.ResolvePath(RepositoryRoot());
            var inventory = InventoryLoader.LoadForRun(path);
            Progress($"DRY RUN: lab {inventory.Name} ({inventory.Kind.ToString().ToLowerInvariant()}) from {path}: nothing is brought up or touched");
            return _planned = LabFactory.Create(inventory, new LabOptions { Progress = Progress });
        }
    }

    /// <summary>Takes the lab down (if this process brought one up) and releases the machine's lab lock.</summary>
    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_lab is Keeper.AttachedLab)
            {
                Progress("leaving the keeper's lab running (`sanchaos lab down` takes it down)");
                await _lab.DisposeAsync().ConfigureAwait(false);
            }
            else if (_lab is not null)
            {
                Progress("taking the lab down");
                await _lab.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lab = null;
            _lock?.Dispose();
            _lock = null;
            Gate.Release();
        }
    }
}
