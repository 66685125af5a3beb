namespace SanChaos.Gherkin.Execution;

/// <summary>
/// A repair the lab's recovery made at the end of a scenario, after its heals: the scenario left the lab that way, so it
/// is part of that scenario's record (see <see cref="ScenarioContext.Repairs"/>).
/// </summary>
/// <param name="Node">Where it ran.</param>
/// <param name="What">What was wrong, in a storage engineer's words.</param>
/// <param name="ForSeconds">How long it had been wrong when it was repaired, s (first seen to repair).</param>
/// <param name="Done">What was done: the command and its exit (with the node's error when it failed).</param>
/// <param name="Succeeded">True when the command succeeded.</param>
/// <param name="Kind">The repair's kind (e.g. <c>heartbeat-transition-no-holder</c>).</param>
/// <param name="Class"><c>sut</c> (a known behaviour of the system under test) or <c>lab</c> (an artifact of the lab or the harness).</param>
/// <param name="Checker">For a SUT behaviour, the checker that judges it (<c>baseline-audit</c>, <c>split-brain</c>); null for a lab artifact.</param>
/// <param name="Source">Where the behaviour is known from, or the artifact's cause.</param>
public sealed record ScenarioRepair(string Node, string What, double ForSeconds, string Done, bool Succeeded, string Kind, string Class,
    string? Checker, string Source)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Node}: {What}, for {ForSeconds:0.#} s: {Done} ({(Class == "sut" ? $"SUT behaviour {Kind}, judged by {Checker}" : $"lab artifact {Kind}: {Source}")})";
}
