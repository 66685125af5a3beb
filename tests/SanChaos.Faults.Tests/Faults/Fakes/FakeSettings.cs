using System.Collections.Concurrent;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>A fake setting in the files of <paramref name="nodes"/>, read at boot by <paramref name="hold"/>'s service (or by nothing).</summary>
public sealed class FakeSetting(string name, ConcurrentQueue<string> log, ISettingHold? hold, params string[] nodes)
    : FakeFault(name, log, targets: nodes.Select(FaultTarget.Node).ToArray()), INodeSetting
{
    public IReadOnlyList<string> SettingNodes => nodes;

    public ISettingHold? Hold => hold;
}

/// <summary>A fake power fault that keeps <paramref name="nodes"/> off while active.</summary>
public sealed class FakePower(string name, ConcurrentQueue<string> log, params string[] nodes)
    : FakeFault(name, log, targets: nodes.Select(FaultTarget.Node).ToArray()), IPowersOffNodes
{
    public IReadOnlyList<string> NodesOff => nodes;
}

/// <summary>A held service that writes its holds and settles into the shared log; either can be made to fail.</summary>
public sealed class FakeHold(string name, ConcurrentQueue<string> log) : ISettingHold
{
    public string Name => name;

    public string? FailHold { get; set; }

    public string? FailSettle { get; set; }

    public Task<string> HoldAsync(IReadOnlyCollection<string> nodesOff, CancellationToken ct)
    {
        log.Enqueue($"hold {name} ({string.Join(",", nodesOff)} off)");
        return FailHold is { } why ? throw new InvalidOperationException(why) : Task.FromResult("held");
    }

    public Task<string> SettleAsync(CancellationToken ct)
    {
        log.Enqueue($"settle {name}");
        return FailSettle is { } why ? throw new InvalidOperationException(why) : Task.FromResult("settled");
    }

    public IReadOnlyList<string> DescribeHold(IReadOnlyCollection<string> nodesOff) => [$"hold {name} while {string.Join(",", nodesOff)} boot"];

    public IReadOnlyList<string> DescribeSettle() => [$"settle {name}"];
}
