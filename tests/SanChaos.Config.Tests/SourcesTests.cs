using System.Text;
using FluentAssertions;
using SanChaos.Config.Sources;
using SanChaos.Core.Commands;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using Xunit;

namespace SanChaos.Config.Tests;

public sealed class SourcesTests : TempFolderTests
{
    [Fact]
    public void A_folder_gives_one_node_per_subfolder_with_modes_from_the_modes_file()
    {
        var c = Fixtures.Collected("seeds");
        c.Nodes.Select(n => n.Name).Should().Equal("badger", "otter", "weasel");
        var otter = c.Nodes.Single(n => n.Name == "otter");
        otter.Files.Select(f => f.Path).Should().BeEquivalentTo("authkeys", "drbd.conf", "ha.cf", "haresources", "lvm.conf");
        otter.Files.Single(f => f.Path == "authkeys").ModeText.Should().Be("600");
    }

    [Fact]
    public void Files_the_modes_file_does_not_list_take_the_file_system_mode()
    {
        Directory.CreateDirectory(Path.Combine(Temp, "otter"));
        var file = Path.Combine(Temp, "otter", "authkeys");
        File.WriteAllText(file, "auth 1\n1 sha1 x\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        ConfigFolder.Load(Temp).Nodes[0].Files[0].ModeText.Should().Be("644");
    }

    [Fact]
    public void A_malformed_modes_file_names_its_line()
    {
        Directory.CreateDirectory(Path.Combine(Temp, "otter"));
        File.WriteAllText(Path.Combine(Temp, "otter", ".modes"), "600 authkeys\nrw-r--r-- ha.cf\n");
        var act = () => ConfigFolder.Load(Temp);
        act.Should().Throw<ConfigInputException>().Which.Message.Should().Contain(Path.Combine(Temp, "otter", ".modes") + ":2").And.Contain("600 authkeys");
    }

    [Fact]
    public void A_missing_folder_and_a_node_folder_given_instead_of_its_parent_say_what_to_do()
    {
        ((Action)(() => ConfigFolder.Load(Path.Combine(Temp, "nope")))).Should().Throw<ConfigInputException>().WithMessage("*no such folder*");
        ((Action)(() => ConfigFolder.Load(Fixtures.Folder("seeds/otter")))).Should().Throw<ConfigInputException>().WithMessage("*one node's folder*");
        ((Action)(() => ConfigFolder.Load(Fixtures.Folder("")))).Should().Throw<ConfigInputException>().WithMessage("*holds a configuration file*ha.cf, haresources*");
    }

    [Fact]
    public void Written_and_read_back_a_collection_is_the_same()
    {
        var c = Fixtures.Collected("embedded");
        ConfigFolder.Write(c, Temp);
        var back = ConfigFolder.Load(Temp);
        back.Nodes.SelectMany(n => n.Files.Select(f => (n.Name, f.Path, f.Text, f.ModeText)))
            .Should().BeEquivalentTo(c.Nodes.SelectMany(n => n.Files.Select(f => (n.Name, f.Path, f.Text, f.ModeText))));
    }

    [Fact]
    public void A_file_its_node_keeps_private_is_written_mode_600()
    {
        var c = Fixtures.Collected("embedded");
        ConfigFolder.Write(c, Temp);
        var authkeys = Path.Combine(Temp, "otter", "authkeys");
        c.Nodes.Single(n => n.Name == "otter").Files.Single(f => f.Path == "authkeys").ModeText.Should().Be("600");
        File.GetUnixFileMode(authkeys).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(Path.Combine(Temp, "otter")).Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_collector_reads_every_node_of_the_inventory_in_one_command_each()
    {
        var inventory = InventoryLoader.Load(Path.Combine(Core.Repository.Root(), "lab", "embedded.yaml"));
        var source = Fixtures.Collected("embedded");
        var nodes = inventory.Nodes.ToDictionary(n => n.Name, n => (INode)new RecordedNode(n.Name, source.Nodes.Single(x => x.Name == n.Name).Files));
        var collected = await LabConfigCollector.CollectAsync(inventory, nodes, ct: TestContext.Current.CancellationToken);
        collected.Nodes.Select(n => (n.Name, n.Role)).Should().Equal(("otter", NodeRole.Storage), ("weasel", NodeRole.Storage), ("badger", NodeRole.Client));
        var otter = collected.Nodes[0].Files;
        otter.Single(f => f.Path == "drbd.d/r0.res").Text.Should().Be(source.Nodes.Single(n => n.Name == "otter").Files.Single(f => f.Path == "drbd.d/r0.res").Text);
        otter.Single(f => f.Path == "authkeys").ModeText.Should().Be("600");
        foreach (var n in nodes.Values.Cast<RecordedNode>()) n.Commands.Should().ContainSingle();
        SutConfiguration.Parse(collected).Node("badger")!.IscsiRecords.Should().HaveCount(2);
    }

    [Fact]
    public void The_collection_script_is_valid_shell_and_reads_the_layout()
    {
        foreach (var role in new[] { NodeRole.Storage, NodeRole.Client })
        {
            var script = LabConfigCollector.Script(role);
            using var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-n", "-c", script]) { RedirectStandardError = true })!;
            bash.WaitForExit();
            bash.ExitCode.Should().Be(0, bash.StandardError.ReadToEnd());
        }

        LabConfigCollector.Script(NodeRole.Storage).Should().Contain("/etc/ha.d/authkeys").And.Contain("stat -c %a").And.Contain("/etc/drbd.d/*.res").And.NotContain("iscsiadm");
        LabConfigCollector.Script(NodeRole.Client).Should().Contain("iscsiadm -m node").And.Contain("multipathd show config").And.NotContain("/etc/ha.d/");
    }

    [Fact]
    public async Task A_node_the_lab_does_not_run_is_an_input_error()
    {
        var inventory = InventoryLoader.Load(Path.Combine(Core.Repository.Root(), "lab", "embedded.yaml"));
        var act = () => LabConfigCollector.CollectAsync(inventory, new Dictionary<string, INode>(), ct: TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<ConfigInputException>()).Which.Message.Should().Contain("otter, weasel, badger");
    }

    /// <summary>A node that answers the collection script with the F/C lines of recorded files.</summary>
    private sealed class RecordedNode(string name, IReadOnlyList<ConfigFile> files) : INode
    {
        public List<string> Commands { get; } = [];

        public string Name => name;

        public Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
        {
            Commands.Add(command);
            var sb = new StringBuilder();
            foreach (var f in files)
            {
                var b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(f.Text));
                sb.Append(f.Path.EndsWith(".txt", StringComparison.Ordinal) ? $"C {f.Path} {b64}\n" : $"F {f.ModeText} {f.Path} {b64}\n");
            }

            sb.Append("C iscsiadm-empty.txt \n");
            return Task.FromResult(new CommandResult(0, sb.ToString(), ""));
        }

        public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) => throw new NotSupportedException();
    }
}
