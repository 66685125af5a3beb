namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>The vagrant command lines a Vagrant lab runs, as data (STYLE.md 8).</summary>
public static class VagrantCommands
{
    private const string Status = "Run `vagrant status` in {dir} to see each machine's state";

    /// <summary><c>vagrant up --provider P</c>: create, boot and provision every machine (a first run downloads the box and installs packages).</summary>
    public static VagrantCommand Up(string provider) => new(["up", "--provider", provider], TimeSpan.FromMinutes(45),
        $"{Status}; fix what the output above names (a missing box, provider plugin, or network), then bring the lab up again. " +
        $"Check that `vagrant up --provider {provider}` works by hand in {{dir}}.");

    /// <summary><c>vagrant ssh-config</c>: every machine's SSH host, port, user and key.</summary>
    public static VagrantCommand SshConfig { get; } = new(["ssh-config"], TimeSpan.FromMinutes(2),
        $"{Status}: every machine must be running (`vagrant up` in {{dir}}).");

    /// <summary><c>vagrant halt --force M</c>: the provider pulls the machine's power (no shutdown).</summary>
    public static VagrantCommand PowerOff(string machine) => new(["halt", "--force", machine], TimeSpan.FromMinutes(3),
        $"{Status}; power {machine} off by hand (VirtualBox: VBoxManage controlvm <vm> poweroff; libvirt: virsh destroy <domain>).");

    /// <summary><c>vagrant up M --no-provision</c>: boot the machine again with its disks as they were.</summary>
    public static VagrantCommand PowerOn(string machine) => new(["up", machine, "--no-provision"], TimeSpan.FromMinutes(15),
        $"{Status}; start {machine} by hand (`vagrant up {machine} --no-provision` in {{dir}}), or take the lab down and up again.");

    /// <summary><c>vagrant destroy -f</c>: remove every machine and its disks.</summary>
    public static VagrantCommand Destroy { get; } = new(["destroy", "-f"], TimeSpan.FromMinutes(15),
        $"{Status}; destroy what is left by hand (`vagrant destroy -f` in {{dir}}; VirtualBox: VBoxManage unregistervm --delete; libvirt: virsh undefine --remove-all-storage).");
}
