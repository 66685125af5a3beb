namespace SanChaos.Faults;

/// <summary>
/// One fault a drill injects into the lab, paired with its heal (STYLE.md habit 2). A fault knows how to inject and
/// heal itself; it checks nothing (checkers read the history). Inject faults through a <see cref="FaultSet"/>, which
/// applies the safety interlocks (<see cref="FaultGuard"/>), refuses a second injection of an active fault, journals
/// it for leftover healing and records it in the run's history. Build faults with <see cref="Catalog.FaultCatalog"/>.
/// </summary>
public interface IFault
{
    /// <summary>The fault as a storage engineer says it: "power off otter", "cut otter eth1", "pull the serial cable".</summary>
    string Name { get; }

    /// <summary>
    /// What it touches, named as the inventory declares them: nodes, switches, PDU outlets, interfaces, the serial
    /// cable. <see cref="FaultGuard"/> refuses the fault when one of them is not declared.
    /// </summary>
    IReadOnlyList<FaultTarget> Targets { get; }

    /// <summary>
    /// Kind and parameters: enough for a later process to rebuild the fault and heal it
    /// (<see cref="Catalog.FaultCatalog.Rebuild"/>). It may gain parameters learnt while injecting (kill-the-primary
    /// adds the node it powered off).
    /// </summary>
    FaultDescriptor Descriptor { get; }

    /// <summary>Injects the fault. On an exception the fault may be half injected; <see cref="FaultSet"/> heals it at once.</summary>
    /// <param name="ct">Cancels the injection.</param>
    Task InjectAsync(CancellationToken ct = default);

    /// <summary>Heals the fault. Idempotent: healing a healed or never injected fault does nothing and succeeds.</summary>
    /// <param name="ct">Cancels the heal; <see cref="FaultSet"/> passes a token of its own with a deadline, never the drill's.</param>
    Task HealAsync(CancellationToken ct = default);
}
