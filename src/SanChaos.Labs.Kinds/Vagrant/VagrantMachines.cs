using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>
/// A Vagrant lab's virtual machines as Vagrant runs them: brought up, their SSH endpoints read, their power and NIC
/// links switched (<see cref="Power"/>, <see cref="Links"/>), destroyed. Everything of the Vagrant lab but SSH and the
/// SAN on top (<see cref="VagrantLab"/>). Every vagrant command runs in the Vagrantfile's directory with
/// <c>SANCHAOS_LAB</c> naming this inventory (the Vagrantfile reads its machines from it), <c>SANCHAOS_SSH_PUBLIC_KEY</c>
/// naming the harness's public key, and under VirtualBox <c>VAGRANT_EXPERIMENTAL=disks</c> (the DRBD disk).
/// </summary>
public sealed class VagrantMachines : IAsyncDisposable
{
    private readonly LabInventory _inventory;

    /// <summary>The machines of <paramref name="inventory"/> (nothing runs before <see cref="UpAsync"/>).</summary>
    /// <param name="inventory">A validated inventory of kind vagrant.</param>
    /// <param name="tools">The vagrant, VBoxManage and virsh executables.</param>
    /// <param name="publicKeyFile">The harness's SSH public key, which the Vagrantfile puts into root's authorized_keys.</param>
    /// <param name="poweredOff">Called after a node's VM lost its power; default none.</param>
    /// <param name="progress">Progress lines (each vagrant command, boots); default none.</param>
    /// <exception cref="SanChaosException">The inventory is not a Vagrant lab, or its directory holds no Vagrantfile.</exception>
    public VagrantMachines(LabInventory inventory, VagrantTools tools, string publicKeyFile,
        Func<string, Task>? poweredOff = null, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(tools);
        _inventory = inventory;
        var vagrant = inventory.Vagrant ?? throw new SanChaosException(
            $"{inventory.SourcePath} describes a {inventory.Kind.ToString().ToLowerInvariant()} lab, not a Vagrant lab.",
            "use LabFactory.Create, which picks the lab kind.");
        if (!File.Exists(Path.Combine(vagrant.Directory, "Vagrantfile")))
            throw new SanChaosException($"{inventory.SourcePath}:{vagrant.Location.Line}: the Vagrant lab's directory {vagrant.Directory} has no Vagrantfile.",
                "set `vagrant: directory:` to the folder that holds the Vagrantfile (the repository's vagrant/, written ../vagrant from lab/).");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SANCHAOS_LAB"] = inventory.SourcePath,
            ["SANCHAOS_SSH_PUBLIC_KEY"] = publicKeyFile,
        };
        if (vagrant.Provider == VagrantProviderKind.VirtualBox) environment["VAGRANT_EXPERIMENTAL"] = "disks";
        Cli = new VagrantCli(new VagrantCliOptions
        {
            Directory = vagrant.Directory,
            Executable = tools.Vagrant,
            Environment = environment,
            Progress = progress,
        });
        Spec = vagrant;
        Links = new VagrantLinks(inventory, tools);
        Power = new VagrantPower(inventory, Cli, Links, poweredOff, progress);
    }

    /// <summary>The inventory's Vagrant section.</summary>
    public VagrantSpec Spec { get; }

    /// <summary>Runs vagrant in the Vagrantfile's directory.</summary>
    public VagrantCli Cli { get; }

    /// <summary>The VM NICs' links: cable cuts and switch power.</summary>
    public VagrantLinks Links { get; }

    /// <summary>What the lab's PDU outlets switch: VM power and switch power.</summary>
    public VagrantPower Power { get; }

    /// <summary>
    /// Creates (the first time) and boots every machine (<c>vagrant up --provider P</c>; a machine that runs already is
    /// left as it is) and returns every node's SSH endpoint.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, VagrantSshEndpoint>> UpAsync(CancellationToken ct = default)
    {
        await Cli.UpAsync(Spec.ProviderName, ct).ConfigureAwait(false);
        return await EndpointsAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Every node's SSH endpoint (<c>vagrant ssh-config</c>); an error naming the nodes it lacks.</summary>
    public async Task<IReadOnlyDictionary<string, VagrantSshEndpoint>> EndpointsAsync(CancellationToken ct = default) =>
        VagrantSshConfig.Require(await Cli.SshConfigAsync(ct).ConfigureAwait(false), _inventory.Nodes.Select(n => n.Name), Cli.Directory);

    /// <summary>
    /// Destroys every machine and its disks (<c>vagrant destroy -f</c>), after boots under way; the next machines start
    /// powered, with every cable whole.
    /// </summary>
    public async Task DestroyAsync(CancellationToken ct = default)
    {
        await Power.ResetAsync().ConfigureAwait(false);
        await Cli.DestroyAsync(ct).ConfigureAwait(false);
        Links.Reset();
    }

    /// <summary>Waits for boots under way (power on); the machines keep running.</summary>
    public ValueTask DisposeAsync() => Power.DisposeAsync();
}
