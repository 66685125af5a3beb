using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.Commands;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Provisioning;
using SanChaos.Reporting.Environment;
using Xunit;

namespace SanChaos.Reporting.Tests.Environment;

/// <summary>The environment collector against nodes that answer as Debian 12 nodes of the embedded lab do.</summary>
[Trait("Category", "unit")]
public sealed class EnvironmentCollectorTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private sealed class FakeNode(string name, IReadOnlyDictionary<string, CommandResult> answers, bool reachable = true) : INode
    {
        public List<string> Commands { get; } = [];

        public string Name => name;

        public Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
        {
            if (!reachable) throw new Core.Errors.SanChaosException($"{name}: ssh: connect to host {name} port 22: Connection timed out");
            Commands.Add(command);
            return Task.FromResult(answers.TryGetValue(command, out var r) ? r : new CommandResult(1, "", $"dpkg-query: no packages found matching {command.Split(' ')[^1]}"));
        }

        public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) => throw new NotSupportedException();
    }

    private static CommandResult Ok(string text) => new(0, text, "");

    [Fact]
    public async Task Every_node_reports_the_versions_it_has_and_an_unreachable_one_says_why()
    {
        var inventory = InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml"));
        var storage = new Dictionary<string, CommandResult>
        {
            ["uname -r"] = Ok("6.1.0-sanchaos-uml\n"),
            ["head -n1 /proc/drbd"] = Ok("version: 8.4.11 (api:1/proto:86-101)\n"),
            ["dpkg-query -W -f '${Version}' drbd-utils"] = Ok("9.22.0-1"),
            ["dpkg-query -W -f '${Version}' heartbeat"] = Ok("1:3.0.6-13"),
            ["dpkg-query -W -f '${Version}' targetcli-fb"] = Ok("1:2.1.53-1.1"),
        };
        var client = new Dictionary<string, CommandResult>
        {
            ["uname -r"] = Ok("6.1.0-sanchaos-uml"),
            ["head -n1 /proc/drbd"] = new(1, "", "head: cannot open '/proc/drbd' for reading: No such file or directory"),
            ["dpkg-query -W -f '${Version}' open-iscsi"] = Ok("2.1.8-1"),
            ["dpkg-query -W -f '${Version}' multipath-tools"] = Ok("0.9.4-3+deb12u1"),
        };
        var otter = new FakeNode("otter", storage);
        var nodes = new Dictionary<string, INode>
        {
            ["otter"] = otter, ["weasel"] = new FakeNode("weasel", storage, reachable: false), ["badger"] = new FakeNode("badger", client),
        };
        var env = await EnvironmentCollector.CollectAsync(inventory, nodes, ct: TestContext.Current.CancellationToken);

        otter.Commands.Should().BeEquivalentTo(CommandCatalog.Default.CommandNames.Where(n => n.StartsWith("version_", StringComparison.Ordinal))
            .Select(CommandCatalog.Default.Template), "every version_* command of lab/sut/commands.yaml runs on every node");
        var byName = env.Nodes.ToDictionary(n => n.Name);
        byName["otter"].Versions.Should().Equal(new Dictionary<string, string>
        {
            ["kernel"] = "6.1.0-sanchaos-uml", ["drbd-module"] = "version: 8.4.11 (api:1/proto:86-101)", ["drbd-utils"] = "9.22.0-1",
            ["heartbeat"] = "1:3.0.6-13", ["targetcli-fb"] = "1:2.1.53-1.1",
        });
        byName["otter"].Role.Should().Be("storage");
        byName["badger"].Versions.Keys.Should().BeEquivalentTo("kernel", "open-iscsi", "multipath-tools");
        byName["weasel"].Versions.Should().BeEmpty();
        byName["weasel"].Errors.Should().ContainSingle().Which.Should().Contain("Connection timed out");
        env.LabKind.Should().Be("embedded");
        env.Sut["heartbeat.deadtime"].Should().Be("10 s");
        env.Sut["target.implementation"].Should().Be("lio");

        var path = env.Write(_tmp.Path);
        Path.GetFileName(path).Should().Be("environment.json");
        RunEnvironment.Read(path).Nodes.Single(n => n.Name == "otter").Versions["drbd-utils"].Should().Be("9.22.0-1");
    }

    [Fact]
    public void A_file_that_is_not_an_environment_says_so_with_its_path()
    {
        var path = Path.Combine(_tmp.Path, "environment.json");
        File.WriteAllText(path, "{ not json");
        var act = () => RunEnvironment.Read(path);
        act.Should().Throw<Core.Errors.SanChaosException>().Which.Message.Should().Contain(path);
    }
}
