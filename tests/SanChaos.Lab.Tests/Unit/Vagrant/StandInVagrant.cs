using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Kinds.Vagrant;

namespace SanChaos.Lab.Tests.Unit.Vagrant;

/// <summary>
/// A Vagrant lab with stand-ins for <c>vagrant</c>, <c>VBoxManage</c> and <c>virsh</c>: small shell scripts in a temporary
/// directory that record every call (the tool, its working directory, its arguments, the SanChaos and Vagrant variables it
/// got) and answer <c>vagrant ssh-config</c> with recorded output (Samples/). A file <c>fail-&lt;subcommand&gt;</c> beside
/// them makes that subcommand print the file on stderr and exit 1, as vagrant does. The inventory is lab/vagrant.yaml
/// with its Vagrantfile directory moved into the temporary directory.
/// </summary>
internal sealed class StandInVagrant : IDisposable
{
    private const string Script = """
        #!/bin/sh
        # Stand-in for {tool}: records the call, answers like the real tool (see StandInVagrant.cs).
        here=$(dirname "$0")
        { printf '%s\t%s' '{tool}' "$PWD"; for a in "$@"; do printf '\t%s' "$a"; done; printf '\n'; } >> "$here/calls.log"
        printf '%s\tSANCHAOS_LAB=%s\tSANCHAOS_SSH_PUBLIC_KEY=%s\tVAGRANT_EXPERIMENTAL=%s\tVAGRANT_NO_COLOR=%s\tVAGRANT_CHECKPOINT_DISABLE=%s\n' \
          '{tool}' "${SANCHAOS_LAB:-}" "${SANCHAOS_SSH_PUBLIC_KEY:-}" "${VAGRANT_EXPERIMENTAL:-}" "${VAGRANT_NO_COLOR:-}" "${VAGRANT_CHECKPOINT_DISABLE:-}" >> "$here/env.log"
        if [ -f "$here/fail-$1" ]; then grep -v '^#' "$here/fail-$1" >&2; exit 1; fi
        if [ '{tool}' = vagrant ] && [ "$1" = ssh-config ]; then grep -v '^#' "$here/ssh-config.txt"; fi
        exit 0
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("sanchaos-vagrant-test-").FullName;

    /// <summary>Writes the stand-ins and the inventory; <paramref name="provider"/> is libvirt or virtualbox.</summary>
    public StandInVagrant(string provider = "libvirt")
    {
        Bin = Path.Combine(_root, "bin");
        VagrantDirectory = Path.Combine(_root, "vagrant");
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(VagrantDirectory);
        File.WriteAllText(Path.Combine(VagrantDirectory, "Vagrantfile"), "# the stand-in vagrant does not read it\n");
        foreach (var tool in new[] { "vagrant", "VBoxManage", "virsh" })
        {
            var path = Path.Combine(Bin, tool);
            File.WriteAllText(path, Script.Replace("{tool}", tool, StringComparison.Ordinal) + "\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Three machines: the recorded two-machine output (otter, weasel) and the recorded block of a third (badger).
        AnswerSshConfig("vagrant-ssh-config.two-machines.recorded.txt", "vagrant-ssh-config.third-machine.recorded.txt");
        var text = File.ReadAllText(TestFiles.RepoPath(Path.Combine("lab", "vagrant.yaml")))
            .Replace("directory: ../vagrant ", "directory: ./vagrant ", StringComparison.Ordinal)
            .Replace("file: ../vagrant/.sanchaos/pdu.secret", "file: ./vagrant/.sanchaos/pdu.secret", StringComparison.Ordinal);
        if (provider == "virtualbox")
            text = text.Replace("provider: libvirt ", "provider: virtualbox ", StringComparison.Ordinal).Replace("/dev/vdb", "/dev/sdb", StringComparison.Ordinal);
        InventoryPath = Path.Combine(_root, "vagrant.yaml");
        File.WriteAllText(InventoryPath, text);
        Inventory = InventoryLoader.Load(InventoryPath);
    }

    /// <summary>The directory of the stand-in executables.</summary>
    public string Bin { get; }

    /// <summary>The lab's Vagrantfile directory (it holds a placeholder Vagrantfile).</summary>
    public string VagrantDirectory { get; }

    /// <summary>The inventory file.</summary>
    public string InventoryPath { get; }

    /// <summary>The loaded inventory (kind vagrant).</summary>
    public LabInventory Inventory { get; }

    /// <summary>The stand-ins as the lab's tools.</summary>
    public VagrantTools Tools => new()
    {
        Vagrant = Path.Combine(Bin, "vagrant"),
        VBoxManage = Path.Combine(Bin, "VBoxManage"),
        Virsh = Path.Combine(Bin, "virsh"),
    };

    /// <summary>A harness public key path (the stand-in only passes it on).</summary>
    public string PublicKeyFile => Path.Combine(VagrantDirectory, ".sanchaos", "id_ed25519.pub");

    /// <summary>The machines of the lab, run by the stand-ins.</summary>
    public VagrantMachines Machines(Action<string>? progress = null) => new(Inventory, Tools, PublicKeyFile, progress: progress);

    /// <summary>Every call so far: tool, working directory and arguments.</summary>
    public IReadOnlyList<(string Tool, string Cwd, string[] Args)> Calls =>
        Lines("calls.log").Select(l => l.Split('\t')).Select(f => (f[0], f[1], f[2..])).ToArray();

    /// <summary>Every call so far as one line: the tool and its arguments.</summary>
    public IReadOnlyList<string> CallLines => Calls.Select(c => string.Join(' ', [c.Tool, .. c.Args])).ToArray();

    /// <summary>The SanChaos and Vagrant variables of every call, one line per call.</summary>
    public IReadOnlyList<string> Environments => Lines("env.log");

    /// <summary>From now on <c>vagrant ssh-config</c> prints these samples, one after the other.</summary>
    public void AnswerSshConfig(params string[] samples) =>
        File.WriteAllText(Path.Combine(Bin, "ssh-config.txt"), string.Concat(samples.Select(Sample)));

    /// <summary>From now on vagrant <paramref name="subcommand"/> prints <paramref name="sample"/> on stderr and exits 1.</summary>
    public void Fail(string subcommand, string sample = "vagrant-provider-not-found.recorded.txt") =>
        File.WriteAllText(Path.Combine(Bin, $"fail-{subcommand}"), Sample(sample));

    /// <summary>Vagrant <paramref name="subcommand"/> works again.</summary>
    public void Heal(string subcommand) => File.Delete(Path.Combine(Bin, $"fail-{subcommand}"));

    /// <summary>Forgets the calls so far.</summary>
    public void ClearCalls()
    {
        File.Delete(Path.Combine(Bin, "calls.log"));
        File.Delete(Path.Combine(Bin, "env.log"));
    }

    /// <summary>A recorded sample of Samples/.</summary>
    public static string Sample(string name) =>
        File.ReadAllText(TestFiles.RepoPath(Path.Combine("tests", "SanChaos.Lab.Tests", "Unit", "Vagrant", "Samples", name)));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string[] Lines(string file)
    {
        var path = Path.Combine(Bin, file);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }
}
