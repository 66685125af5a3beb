using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Kinds.Vagrant;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Vagrant;

/// <summary>
/// The Vagrant lab's driver against stand-ins for vagrant, VBoxManage and virsh (<see cref="StandInVagrant"/>): the
/// commands it runs, where, with what, and in which order, the endpoints it reads from recorded <c>vagrant ssh-config</c>
/// output, and its errors. No VM runs.
/// </summary>
[Trait("Category", "unit")]
public sealed class VagrantDriverTests : IDisposable
{
    private readonly StandInVagrant _vagrant = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _vagrant.Dispose();

    [Fact]
    public async Task Up_power_off_power_on_and_destroy_run_these_vagrant_commands_in_order_in_the_vagrantfiles_directory()
    {
        var machines = _vagrant.Machines();

        var endpoints = await machines.UpAsync(Ct);
        await machines.Power.PowerOffAsync("otter", Ct);
        machines.Power.IsPowered("otter").Should().BeFalse();
        await machines.Power.PowerOnAsync("otter", Ct);
        machines.Power.IsPowered("otter").Should().BeTrue("an outlet switched on has power at once; the VM boots behind it");
        await machines.Power.WhenBootedAsync("otter", Ct);
        await machines.DestroyAsync(Ct);

        _vagrant.CallLines.Should().Equal(
            "vagrant up --provider libvirt",
            "vagrant ssh-config",
            "vagrant halt --force otter",
            "vagrant up otter --no-provision",
            "vagrant destroy -f");
        _vagrant.Calls.Should().OnlyContain(c => c.Cwd == _vagrant.VagrantDirectory, "vagrant runs in the Vagrantfile's directory");
        _vagrant.Environments.Should().OnlyContain(e => e == $"vagrant\tSANCHAOS_LAB={_vagrant.InventoryPath}\tSANCHAOS_SSH_PUBLIC_KEY={_vagrant.PublicKeyFile}" +
            "\tVAGRANT_EXPERIMENTAL=\tVAGRANT_NO_COLOR=1\tVAGRANT_CHECKPOINT_DISABLE=1",
            "the Vagrantfile reads this inventory and key; no colour codes, no version check");
        endpoints.Keys.Should().BeEquivalentTo("otter", "weasel", "badger");
    }

    [Fact]
    public async Task The_endpoints_are_those_of_the_recorded_ssh_config_output()
    {
        var endpoints = await _vagrant.Machines().EndpointsAsync(Ct);

        endpoints["otter"].Should().BeEquivalentTo(new VagrantSshEndpoint("otter", "127.0.0.1", "vagrant", 2222,
            ["/home/xxxxxx/centos7/.vagrant/machines/otter/virtualbox/private_key"], "/dev/null", false, null));
        endpoints["weasel"].Port.Should().Be(2200);
        endpoints["weasel"].IdentityFiles.Should().Equal("/home/xxxxxx/centos7/.vagrant/machines/weasel/virtualbox/private_key");
        endpoints["badger"].HostName.Should().Be("127.0.0.1");
        endpoints.Values.Should().OnlyContain(e => e.KnownHostsFile == null, "Vagrant turns host key checking off (UserKnownHostsFile /dev/null)");
    }

    [Fact]
    public void The_parser_reads_each_recorded_output_as_it_is()
    {
        var two = VagrantSshConfig.Parse(StandInVagrant.Sample("vagrant-ssh-config.two-machines.recorded.txt"));
        two.Keys.Should().Equal("otter", "weasel");
        two["otter"].Should().BeEquivalentTo(new VagrantSshEndpoint("otter", "127.0.0.1", "vagrant", 2222,
            ["/home/xxxxxx/centos7/.vagrant/machines/otter/virtualbox/private_key"], "/dev/null", false, null));

        var missing = VagrantSshConfig.Parse(StandInVagrant.Sample("vagrant-ssh-config.node-missing.recorded.txt"));
        missing.Values.Select(e => (e.Host, e.Port)).Should().Equal(("otter", 2222), ("weasel", 2200));
        missing["weasel"].IdentityFiles.Single().Should().Be("/Users/p0s00el/VagrantFiles/k8s/kubernetes/.vagrant/machines/weasel/virtualbox/private_key");
    }

    [Fact]
    public async Task Ssh_config_without_a_node_says_which_node_it_lacks_and_what_it_listed()
    {
        _vagrant.AnswerSshConfig("vagrant-ssh-config.node-missing.recorded.txt");

        var e = (await _vagrant.Machines().Invoking(m => m.UpAsync(Ct)).Should().ThrowAsync<SanChaosException>()).Which;

        e.Problem.Should().StartWith($"`vagrant ssh-config` in {_vagrant.VagrantDirectory} has no entry for badger (it lists otter, weasel):")
            .And.Contain("Host weasel");
        e.Remedy.Should().Contain("vagrant status").And.Contain("SANCHAOS_LAB");
    }

    [Fact]
    public async Task A_vagrant_that_exits_non_zero_is_an_error_naming_the_command_exit_code_output_and_what_to_do()
    {
        _vagrant.Fail("up");

        var e = (await _vagrant.Machines().Invoking(m => m.UpAsync(Ct)).Should().ThrowAsync<CommandFailedException>()).Which;

        e.Command.Should().Be($"{_vagrant.Tools.Vagrant} up --provider libvirt");
        e.Result.ExitCode.Should().Be(1);
        e.Message.Should().Contain("exited with code 1").And.Contain("The provider 'libvirt' could not be found");
        e.Remedy.Should().Contain($"vagrant status` in {_vagrant.VagrantDirectory}").And.Contain("vagrant up --provider libvirt");
        _vagrant.CallLines.Should().Equal("vagrant up --provider libvirt");
    }

    [Fact]
    public async Task A_vagrant_that_cannot_be_started_says_so()
    {
        var machines = new VagrantMachines(_vagrant.Inventory, _vagrant.Tools with { Vagrant = Path.Combine(_vagrant.Bin, "no-such-vagrant") }, _vagrant.PublicKeyFile);

        var e = (await machines.Invoking(m => m.DestroyAsync(Ct)).Should().ThrowAsync<CommandFailedException>()).Which;

        e.Result.ExitCode.Should().Be(-1);
        e.Message.Should().Contain("no-such-vagrant");
    }

    [Fact]
    public async Task A_cut_cable_is_a_nic_link_down_and_a_vm_that_boots_again_gets_its_cut_cables_back()
    {
        var machines = _vagrant.Machines();

        await machines.Links.CutAsync("otter", "eth1", Ct);
        machines.Links.IsCut("otter", "eth1").Should().BeTrue();
        await machines.Power.PowerOffAsync("otter", Ct);
        await machines.Links.RestoreAsync("otter", "eth1", Ct); // the VM is off: nothing to set now
        await machines.Links.CutAsync("otter", "eth2", Ct);
        await machines.Power.PowerOnAsync("otter", Ct);
        await machines.Power.WhenBootedAsync("otter", Ct);
        await machines.Links.RestoreAsync("otter", "eth2", Ct);

        _vagrant.CallLines.Should().Equal(
            "virsh -c qemu:///system domif-setlink sanchaos-otter 52:54:00:01:01:01 down",
            "vagrant halt --force otter",
            "vagrant up otter --no-provision",
            "virsh -c qemu:///system domif-setlink sanchaos-otter 52:54:00:01:02:01 down",
            "virsh -c qemu:///system domif-setlink sanchaos-otter 52:54:00:01:02:01 up");
    }

    [Fact]
    public async Task A_failed_boot_is_reported_by_the_next_power_call_of_that_node()
    {
        var machines = _vagrant.Machines();
        await machines.Power.PowerOffAsync("weasel", Ct);
        _vagrant.Fail("up");

        await machines.Power.PowerOnAsync("weasel", Ct);

        var e = (await machines.Power.Invoking(p => p.WhenBootedAsync("weasel", Ct)).Should().ThrowAsync<SanChaosException>()).Which;
        e.Problem.Should().Contain("weasel's VM did not boot after its power came back").And.Contain("vagrant up weasel --no-provision");
        machines.Power.BootFailure("weasel").Should().BeOfType<CommandFailedException>();
        await machines.Power.Invoking(p => p.PowerOnAsync("weasel", Ct)).Should().ThrowAsync<SanChaosException>();

        _vagrant.Heal("up");
        await machines.Power.PowerOffAsync("weasel", Ct); // a power cycle clears it
        await machines.Power.PowerOnAsync("weasel", Ct);
        await machines.Power.WhenBootedAsync("weasel", Ct);
    }

    [Fact]
    public async Task Under_virtualbox_a_switch_without_power_sets_down_every_nic_on_its_networks_by_adapter_number()
    {
        using var vbox = new StandInVagrant("virtualbox");
        var machines = vbox.Machines();

        await machines.Power.PowerOffAsync("switch-a", Ct);
        machines.Power.IsPowered("switch-a").Should().BeFalse();
        await machines.Links.CutAsync("badger", "eth1", Ct);
        await machines.Power.PowerOnAsync("switch-a", Ct);
        await machines.UpAsync(Ct);

        // Adapter 1 is Vagrant's NAT NIC: eth1 is adapter 2. badger's eth1 (storage-a) stays down: its cable is cut.
        vbox.CallLines.Should().Equal(
            "VBoxManage controlvm sanchaos-otter setlinkstate3 off",
            "VBoxManage controlvm sanchaos-weasel setlinkstate3 off",
            "VBoxManage controlvm sanchaos-badger setlinkstate2 off",
            "VBoxManage controlvm sanchaos-badger setlinkstate2 off",
            "VBoxManage controlvm sanchaos-otter setlinkstate3 on",
            "VBoxManage controlvm sanchaos-weasel setlinkstate3 on",
            "VBoxManage controlvm sanchaos-badger setlinkstate2 off",
            "vagrant up --provider virtualbox",
            "vagrant ssh-config");
        vbox.Environments.Where(e => e.StartsWith("vagrant", StringComparison.Ordinal))
            .Should().OnlyContain(e => e.Contains("\tVAGRANT_EXPERIMENTAL=disks\t"), "the DRBD disk is a Vagrant disks entry under VirtualBox");
    }

    [Fact]
    public void The_lab_factory_opens_a_vagrant_lab_and_a_directory_without_a_vagrantfile_is_an_error_with_the_inventory_line()
    {
        LabFactory.Create(_vagrant.Inventory, new LabOptions { VagrantTools = _vagrant.Tools }).Should().BeOfType<VagrantLab>();

        File.Delete(Path.Combine(_vagrant.VagrantDirectory, "Vagrantfile"));
        var e = FluentActions.Invoking(() => new VagrantLab(_vagrant.Inventory, new LabOptions())).Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Be($"{_vagrant.InventoryPath}:{_vagrant.Inventory.Vagrant!.Location.Line}: the Vagrant lab's directory {_vagrant.VagrantDirectory} has no Vagrantfile.");
        e.Remedy.Should().Contain("vagrant: directory:");
    }

    [Fact]
    public async Task Lab_down_destroys_the_machines_and_a_lab_opened_only_to_look_leaves_them_alone()
    {
        await using (var looking = new VagrantLab(_vagrant.Inventory, new LabOptions { VagrantTools = _vagrant.Tools }))
        {
            looking.IsPlugged.Should().BeTrue();
            looking.Invoking(l => l.Nodes).Should().Throw<SanChaosException>().Which.Remedy.Should().Contain("lab up");
        }

        _vagrant.CallLines.Should().BeEmpty("disposing a lab this object did not bring up destroys nothing");

        var lab = new VagrantLab(_vagrant.Inventory, new LabOptions { VagrantTools = _vagrant.Tools });
        await lab.DownAsync(Ct);
        _vagrant.CallLines.Should().Equal("vagrant destroy -f");
    }
}
