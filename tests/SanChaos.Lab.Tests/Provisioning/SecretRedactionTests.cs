using System.Collections.Concurrent;
using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Core.Secrets;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Provisioning;
using Xunit;

namespace SanChaos.Lab.Tests.Provisioning;

/// <summary>
/// No secret reaches a provisioning event, a plan shown to a user, a lab's progress lines or its errors; a rack signs its
/// heartbeats with its own key and says so when it skips host key checking. Each test plants a value of its own (the
/// redaction registry is the process's).
/// </summary>
[Trait("Category", "unit")]
public sealed class SecretRedactionTests
{
    private static readonly ProvisionerOptions Fast = new() { Interval = TimeSpan.FromMilliseconds(2), DrbdConnectTimeout = TimeSpan.FromSeconds(2) };

    private static string Planted()
    {
        var secret = "chap-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        return secret;
    }

    private static LabInventory Rack(string? find = null, string replace = "")
    {
        var path = TestFiles.RepoPath(Path.Combine("lab", "hardware.example.yaml"));
        var text = File.ReadAllText(path);
        return InventoryLoader.Parse(path, find is null ? text : text.Replace(find, replace, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secret_in_a_failing_provisioning_command_is_masked_in_the_step_events_and_the_error()
    {
        var secret = Planted();
        var sim = new SanSimulator();
        sim.Lab.Nodes["otter"].Handlers.Insert(0, c => c == "drbdadm up r0" ? FakeNode.Fail(10, $"auth with {secret} refused") : null);
        var events = new ConcurrentQueue<StepEvent>();

        var act = () => new Provisioner(sim.Lab.Inventory, sim.Lab.AsNodes, Fast).RunAsync(events.Enqueue, TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<CommandFailedException>()).Which;
        e.Message.Should().Contain("auth with *** refused").And.NotContain(secret);
        var failed = events.Single(x => x is { Kind: StepEventKind.Failed, Node: "otter" });
        failed.Detail.Should().Contain("auth with *** refused").And.NotContain(secret);
        failed.ToString().Should().NotContain(secret);
    }

    [Fact]
    public void A_secret_in_a_steps_commands_is_masked_where_the_plan_is_shown()
    {
        var secret = Planted();
        var step = new ProvisionStep("iSCSI CHAP", ProvisionPhase.ClientPrepare, "badger", "")
        {
            SkipIf = $"grep -q {secret} /etc/iscsi/iscsid.conf",
            Commands = [$"iscsiadm -m node -o update -n node.session.auth.password -v {secret}"],
        };
        step.ToString().Should().Be("badger: iSCSI CHAP (skip if `grep -q *** /etc/iscsi/iscsid.conf`)\n    $ iscsiadm -m node -o update -n node.session.auth.password -v ***");
    }

    [Fact]
    public void A_lab_progress_line_with_a_secret_is_masked()
    {
        var secret = Planted();
        var lines = new List<string>();
        var options = new LabOptions { Progress = lines.Add };
        options.Progress!($"PDU pdu1: password {secret}");
        (options with { RunId = "ab12cd34" }).Progress!($"again {secret}");
        lines.Should().Equal("PDU pdu1: password ***", "again ***");
    }

    [Fact]
    public async Task A_rack_that_skips_host_key_checking_warns_on_the_progress_of_every_run_that_opens_it()
    {
        var lines = new List<string>();
        await using (LabFactory.Create(Rack("  known_hosts: ~/.ssh/known_hosts_rack2", "  known_hosts: none"), new LabOptions { Progress = lines.Add }))
        {
        }

        lines.Should().ContainSingle().Which.Should().StartWith("warning: the host keys of otter, weasel, badger are not checked");

        lines.Clear();
        await using (LabFactory.Create(Rack(), new LabOptions { Progress = lines.Add }))
        {
        }

        lines.Should().BeEmpty("every host key is checked");
    }

    [Fact]
    public void Only_the_embedded_lab_signs_heartbeats_with_a_key_derived_from_its_name_and_that_key_is_masked()
    {
        var embedded = TestFiles.Embedded();
        var key = SutValues.For(embedded)["auth_key"];
        key.Should().StartWith("sanchaos-");
        Redactor.Redact($"1 sha1 {key}").Should().Be("1 sha1 ***");

        var rack = embedded with { Kind = LabKind.Hardware };
        var e = FluentActions.Invoking(() => SutValues.For(rack)).Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Contain("sut.heartbeat.auth_key is missing").And.Contain(rack.SourcePath);
        e.Remedy.Should().Contain("(umask 077; mkdir -p /etc/sanchaos && openssl rand -hex 32 > /etc/sanchaos/embedded-authkey)");
    }
}
