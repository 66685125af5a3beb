namespace SanChaos.Labs.Recovery;

/// <summary>
/// One kind of repair the recovery makes (<see cref="RepairKinds"/>): what is wrong, whose doing it is, and for a
/// behaviour of the system under test the checker that judges it (which says Invalid for the scenario that left the lab
/// that way), for a lab artifact its cause.
/// </summary>
/// <param name="Name">The kind's name (<see cref="Repair.Kind"/>), e.g. <c>heartbeat-transition-no-holder</c>.</param>
/// <param name="Class">SUT behaviour or lab artifact.</param>
/// <param name="Checker">The checker that judges it (<c>baseline-audit</c>, <c>split-brain</c>); null for a lab artifact.</param>
/// <param name="Source">Where the behaviour is known from (the SUT's source, a recorded reproduction), or the artifact's cause.</param>
public sealed record RepairKind(string Name, RepairClass Class, string? Checker, string Source)
{
    /// <summary><c>sut</c> or <c>lab</c>, as the history and the scenario record write it.</summary>
    public string ClassWord => Class == RepairClass.SutBehaviour ? "sut" : "lab";
}
