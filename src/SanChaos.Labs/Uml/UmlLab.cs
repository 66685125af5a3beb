using SanChaos.Core.Errors;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Uml;

/// <summary>
/// Entry points of the embedded lab substrate: create a lab from a <see cref="UmlTopology"/>, build or find its
/// image, and find, list or remove runs from any process (<c>lab status</c>, <c>lab down</c>).
/// </summary>
public static class UmlLab
{
    /// <summary>Where the embedded lab keeps the harness's SSH key pair unless told otherwise
    /// (<c>/var/lib/sanchaos/embedded/id_ed25519</c>).</summary>
    public const string DefaultSshKeyFile = "/var/lib/sanchaos/embedded/id_ed25519";

    /// <summary>Creates the lab (nothing runs until <see cref="IUmlLab.UpAsync"/>).</summary>
    /// <param name="topology">What to run; validated here (all problems in one error).</param>
    /// <param name="options">How; default <see cref="UmlLabOptions"/> with its defaults (then set
    /// <see cref="UmlLabOptions.SshPrivateKeyFile"/> or <see cref="UmlLabOptions.NodeFactory"/>).</param>
    /// <exception cref="SanChaosException">The topology is invalid.</exception>
    public static IUmlLab Create(UmlTopology topology, UmlLabOptions? options = null) =>
        new UmlLabSubstrate(topology, options ?? new UmlLabOptions());

    /// <summary>
    /// Returns the guest image for the recipe, building it when no image of this recipe is cached (preflight checks
    /// first). The lab's <see cref="IUmlLab.UpAsync"/> does this too; call it to prepare or time the image alone.
    /// </summary>
    /// <param name="options">Cache, recipe, mirror and image settings.</param>
    /// <param name="progress">Receives each build step's name; default none.</param>
    /// <param name="ct">Cancels the build; nothing half-built is left.</param>
    public static async Task<UmlImage> EnsureImageAsync(UmlLabOptions? options = null, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        options ??= new UmlLabOptions();
        var recipe = UmlPreflight.Check(options);
        return await new ImageBuilder(options, recipe).EnsureAsync(s => progress?.Report(s), ct).ConfigureAwait(false);
    }

    /// <summary>The cache path the image of the current recipe has (built or not), and whether it is built.</summary>
    public static (string Path, bool Built) ImageLocation(UmlLabOptions? options = null)
    {
        options ??= new UmlLabOptions();
        var builder = new ImageBuilder(options, ImageBuilder.FindRecipe(options));
        return (builder.ImagePath, File.Exists(builder.ImagePath));
    }

    /// <summary>The runs recorded under <paramref name="runsDirectory"/> (default
    /// <see cref="UmlLabOptions.DefaultRunsDirectory"/>), live or left by a dead process.</summary>
    public static IReadOnlyList<UmlRunStatus> ListRuns(string? runsDirectory = null)
    {
        var dir = runsDirectory ?? UmlLabOptions.DefaultRunsDirectory;
        return RunStateStore.RunIds(dir)
            .Select(id => RunStateStore.Load(dir, id))
            .OfType<RunState>()
            .Select(s => new UmlRunStatus(s.RunId, s.Namespace, RunStateStore.RunDirectory(dir, s.RunId), s.Phase, s.OwnerPid,
                ProcessTable.IsAlive(s.OwnerPid, s.OwnerStartTicks), UmlFabric.NamespaceExists(s.Namespace), s.Created,
                s.Nodes.Select(n => new UmlNodeStatus(n.Name, n.Pid, n.Pid > 0 && ProcessTable.IsAlive(n.Pid, n.StartTicks), n.Powered,
                    n.ManagementAddress, n.ConsoleLog)).ToArray()))
            .ToArray();
    }

    /// <summary>
    /// Removes one run from any process, whether its owner still runs or not: kills its nodes by their recorded
    /// process groups (start times checked), every process in its namespace, its devices, namespace and run directory.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="runsDirectory">Default <see cref="UmlLabOptions.DefaultRunsDirectory"/>.</param>
    /// <param name="ct">Cancels.</param>
    /// <returns>One line per thing removed.</returns>
    public static Task<IReadOnlyList<string>> DownRunAsync(string runId, string? runsDirectory = null, CancellationToken ct = default)
    {
        var dir = runsDirectory ?? UmlLabOptions.DefaultRunsDirectory;
        return UmlReaper.TearDownAsync(dir, runId, RunStateStore.Load(dir, runId), TimeProvider.System, ct);
    }

    /// <summary>
    /// Removes leftovers of runs whose owner process died (killed test, crashed CLI) and lab namespaces
    /// (<c>sanchaos-*</c>) that no live run claims. Live runs are left alone.
    /// </summary>
    /// <param name="runsDirectory">Default <see cref="UmlLabOptions.DefaultRunsDirectory"/>.</param>
    /// <param name="ct">Cancels.</param>
    /// <returns>One line per thing removed.</returns>
    public static Task<IReadOnlyList<string>> ReapAsync(string? runsDirectory = null, CancellationToken ct = default) =>
        UmlReaper.ReapDeadAsync(runsDirectory ?? UmlLabOptions.DefaultRunsDirectory, null, TimeProvider.System, ct);

    /// <summary>
    /// Returns the public key (one <c>authorized_keys</c> line) of the ed25519 pair at
    /// <paramref name="privateKeyFile"/>, creating the pair (mode 600, directory 700) when it does not exist.
    /// </summary>
    /// <param name="privateKeyFile">E.g. <c>/var/lib/sanchaos/embedded/id_ed25519</c>.</param>
    /// <param name="ct">Cancels.</param>
    public static async Task<string> EnsureSshKeyAsync(string privateKeyFile, CancellationToken ct = default)
    {
        var pub = privateKeyFile + ".pub";
        if (!File.Exists(privateKeyFile))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(privateKeyFile))!;
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
            else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (File.Exists(pub)) File.Delete(pub);
            await HostCommand.RunCheckedAsync(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "sanchaos-embedded-lab", "-f", privateKeyFile],
                ct: ct, remedy: "apt-get install -y openssh-client").ConfigureAwait(false);
        }

        if (!File.Exists(pub))
        {
            var r = await HostCommand.RunCheckedAsync(["ssh-keygen", "-y", "-f", privateKeyFile], ct: ct,
                remedy: $"{privateKeyFile} is not a usable private key without a passphrase; delete it to get a new pair.").ConfigureAwait(false);
            await File.WriteAllTextAsync(pub, r.StandardOutput, ct).ConfigureAwait(false);
        }

        return (await File.ReadAllTextAsync(pub, ct).ConfigureAwait(false)).Trim();
    }
}
