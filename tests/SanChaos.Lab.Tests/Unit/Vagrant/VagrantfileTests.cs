using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Remote;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Vagrant;

/// <summary>
/// The repository's Vagrantfile as the installed vagrant reads it (<c>vagrant validate --ignore-provider</c>, which needs
/// neither VirtualBox nor vagrant-libvirt nor a box): for lab/vagrant.yaml (libvirt) and its VirtualBox variant. Hermetic:
/// vagrant's home, its machine-state directory and the user's home are a temporary directory, and the version check is
/// off. Without vagrant the test is skipped, except in CI (<c>CI=true</c>), where lab/install-host-packages.sh installs it
/// and its absence fails the test.
/// </summary>
[Trait("Category", "unit")]
public sealed class VagrantfileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string VagrantDirectory => TestFiles.RepoPath("vagrant");

    [Theory]
    [InlineData("libvirt")]
    [InlineData("virtualbox")]
    public async Task Vagrant_validates_the_vagrantfile_for_every_machine_of_the_inventory(string provider)
    {
        using var home = new TempHome();
        var inventory = TestFiles.RepoPath(Path.Combine("lab", "vagrant.yaml"));
        if (provider == "virtualbox")
        {
            inventory = Path.Combine(home.Path, "vagrant-virtualbox.yaml");
            File.WriteAllText(inventory, File.ReadAllText(TestFiles.RepoPath(Path.Combine("lab", "vagrant.yaml")))
                .Replace("provider: libvirt ", "provider: virtualbox ", StringComparison.Ordinal).Replace("/dev/vdb", "/dev/sdb", StringComparison.Ordinal));
        }

        var r = await ValidateAsync(home, inventory, provider == "virtualbox");

        r.ExitCode.Should().Be(0, $"vagrant validate must accept the Vagrantfile:\n{r.StandardOutput}\n{r.StandardError}");
        r.StandardOutput.Should().Contain("Vagrantfile validated successfully.");
        foreach (var machine in new[] { "otter", "weasel", "badger" })
            r.StandardOutput.Should().Contain($"==> {machine}: Ignoring provider config for validation...", "every inventory node is a machine");
    }

    [Fact]
    public async Task The_vagrantfile_refuses_an_inventory_that_is_not_a_vagrant_lab_and_says_what_to_do()
    {
        using var home = new TempHome();

        var r = await ValidateAsync(home, TestFiles.RepoPath(Path.Combine("lab", "embedded.yaml")), experimentalDisks: false);

        r.ExitCode.Should().NotBe(0);
        (r.StandardOutput + r.StandardError).Should().Contain("embedded.yaml is not a Vagrant lab inventory").And.Contain("SANCHAOS_LAB");
    }

    private static async Task<CommandResult> ValidateAsync(TempHome home, string inventory, bool experimentalDisks)
    {
        var vagrant = FindOnPath("vagrant");
        if (vagrant is null)
        {
            const string install = "vagrant is not installed; ./lab/install-host-packages.sh installs Debian's vagrant package.";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"CI=true: {install}");
            Assert.Skip(install);
        }

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = home.Path,
            ["VAGRANT_HOME"] = Path.Combine(home.Path, "vagrant.d"),
            ["VAGRANT_DOTFILE_PATH"] = Path.Combine(home.Path, "dotfile"),
            ["VAGRANT_CHECKPOINT_DISABLE"] = "1",
            ["VAGRANT_NO_COLOR"] = "1",
            ["VAGRANT_DEFAULT_PROVIDER"] = null,
            ["VAGRANT_EXPERIMENTAL"] = experimentalDisks ? "disks" : null,
            ["SANCHAOS_LAB"] = inventory,
            ["SANCHAOS_SSH_PUBLIC_KEY"] = Path.Combine(home.Path, "no-key.pub"),
        };
        return await HostCommand.RunAsync([vagrant, "validate", "--ignore-provider"], timeout: TimeSpan.FromMinutes(2), ct: Ct,
            workingDirectory: VagrantDirectory, environment: environment);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private sealed class TempHome : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sanchaos-vagrant-home-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
