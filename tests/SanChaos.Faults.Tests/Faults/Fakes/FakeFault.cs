using System.Collections.Concurrent;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>A fault that writes what it is asked to do into a shared log; injection and heal behaviour are scriptable.</summary>
public class FakeFault : IFault, IFaultFacts
{
    private readonly ConcurrentQueue<string> _log;
    private FaultDescriptor _descriptor;

    public FakeFault(string name, ConcurrentQueue<string>? log = null, FaultDescriptor? descriptor = null, params FaultTarget[] targets)
    {
        Name = name;
        _log = log ?? new ConcurrentQueue<string>();
        _descriptor = descriptor ?? new FaultDescriptor("fake", new Dictionary<string, string> { ["name"] = name });
        Targets = targets.Length > 0 ? targets : [FaultTarget.Node("otter")];
    }

    public string Name { get; }

    public FaultDescriptor Descriptor => _descriptor;

    public IReadOnlyList<FaultTarget> Targets { get; }

    public IReadOnlyList<string> Log => [.. _log];

    public Dictionary<string, string> FactsLearnt { get; } = new();

    public IReadOnlyDictionary<string, string> Facts => FactsLearnt;

    /// <summary>Runs inside InjectAsync (before it returns); throw from it to make the injection fail.</summary>
    public Func<CancellationToken, Task>? OnInject { get; set; }

    /// <summary>Runs inside HealAsync; throw from it to make the heal fail.</summary>
    public Func<CancellationToken, Task>? OnHeal { get; set; }

    /// <summary>The descriptor after a successful injection (a parameter learnt while injecting).</summary>
    public FaultDescriptor? LearntDescriptor { get; set; }

    public bool Injected { get; private set; }

    public int Heals { get; private set; }

    public CancellationToken LastHealToken { get; private set; }

    public async Task InjectAsync(CancellationToken ct = default)
    {
        _log.Enqueue($"inject {Name}");
        Injected = true;
        if (OnInject is not null) await OnInject(ct);
        if (LearntDescriptor is not null) _descriptor = LearntDescriptor;
    }

    public async Task HealAsync(CancellationToken ct = default)
    {
        _log.Enqueue($"heal {Name}");
        LastHealToken = ct;
        if (OnHeal is not null) await OnHeal(ct);
        if (Injected) Heals++;
        Injected = false;
    }
}
