using FluentAssertions;
using SanChaos.Gherkin.Bindings;
using SanChaos.Gherkin.Execution;
using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Samples;

public enum LinkState { Up, Dead }

[Binding]
public sealed class SampleBindings(SampleWorld world, ScenarioContext context)
{
    [Given(@"a lab with (\d+) storage nodes")]
    public void ALab(int n)
    {
        n.Should().Be(2, "a Heartbeat v1 pair has two storage nodes");
        world.StorageNodes = n;
    }

    [Then(@"the check at the end says ""(\w+)""")]
    public void CheckAtEnd(string outcome) =>
        context.DeferCheck(_ => Task.FromResult(new CheckOutcome(Enum.Parse<StepStatus>(outcome, ignoreCase: true), $"the check said {outcome}")));

    [Then(@"the checker ""([^""]*)"" finds it ""(\w+)""")]
    public void CheckerFinds(string checker, string status) =>
        context.DeferCheck(_ =>
        {
            context.Verdicts.Add(new ScenarioVerdict(checker, status, $"{checker} said {status}", [], new Dictionary<string, double> { ["margin_s"] = 1.5 },
                context.Scenario.Steps[^1].Line));
            return Task.FromResult(new CheckOutcome(status == "valid" ? StepStatus.Passed : StepStatus.Failed, $"{checker} said {status}"));
        });

    [Given(@"a scenario check that says ""(\w+)""")]
    public void ScenarioCheck(string outcome) =>
        context.DeferCheck(_ => Task.FromResult(new CheckOutcome(Enum.Parse<StepStatus>(outcome, ignoreCase: true), $"the scenario check said {outcome}")), scenarioLevel: true);

    [Given(@"the resource group runs on ""([^""]*)""")]
    public void RunsOn(string node) => world.Holder = node;

    [When(@"the primary loses power")]
    public void PrimaryLosesPower()
    {
        world.FaultActive = true;
        world.Log.Add($"power off {world.Holder}");
        world.Holder = world.Holder == "weasel" ? "otter" : "weasel";
    }

    [When(@"""([^""]*)"" loses power")]
    public void NodeLosesPower(string node)
    {
        world.FaultActive = true;
        world.Log.Add($"power off {node}");
        world.Holder = node == "weasel" ? "otter" : "weasel";
    }

    [Then(@"""([^""]*)"" holds the resources within (.+)")]
    public void Holds(string node, TimeSpan budget)
    {
        budget.Should().BeGreaterThan(TimeSpan.Zero);
        world.Holder.Should().Be(node);
        context.Items["budget"] = budget;
    }

    [Then(@"no write was lost")]
    public void NoWriteLost() => world.Log.Should().NotBeEmpty();

    [When(@"these cables are cut:")]
    public void CablesCut(DataTable table)
    {
        foreach (var row in table.Rows) world.Log.Add($"cut {row["cable"]} between {row["between"]}");
        context.Items["cables"] = table;
    }

    [Then(@"heartbeat logs:")]
    public void HeartbeatLogs(string text)
    {
        text.Should().Contain("dead");
        context.Items["doc"] = text;
    }

    [Then(@"the link state is (\w+)")]
    public void LinkStateIs(LinkState state) => context.Items["state"] = state;

    [When(@"we wait (.+) asynchronously")]
    public async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        await Task.Delay(delay, ct);
        world.Waits++;
    }

    [Then(@"the scenario context has seen (\d+) wait")]
    public void SeenWaits(int n) => world.Waits.Should().Be(n);

    // Two bindings that both match "the switch "switch-a" loses power": the runner must list both.
    [When(@"the switch ""([^""]*)"" loses power")]
    public void SwitchLosesPower(string sw) => world.Log.Add($"power off {sw}");

    // A step this lab cannot run at all: the scenario is skipped with the reason, not failed.
    [When(@"the serial cable of a lab without a relay is pulled")]
    public void SerialCableWithoutRelay() =>
        throw new SkippedStepException("lab sample cannot pull the serial cable: it lacks ISerialCableControl.", "drill a lab with a serial relay.");

    [AfterScenario]
    public void Heal()
    {
        if (!world.FaultActive) return;
        world.FaultActive = false;
        lock (SampleWorld.Heals) SampleWorld.Heals.Add(context.Scenario.Name);
    }
}

[Binding]
public sealed class OtherBindings
{
    [When(@"the (\w+) ""([^""]*)"" loses power")]
    public void DeviceLosesPower(string kind, string name) => throw new InvalidOperationException($"{kind} {name} must not run: the step is ambiguous");
}
