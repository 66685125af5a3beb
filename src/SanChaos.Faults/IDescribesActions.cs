namespace SanChaos.Faults;

/// <summary>
/// Optional capability of an <see cref="IFault"/>: the actions it would take, each with its target, so a dry run
/// (<see cref="FaultSetOptions.DryRun"/>) can print them without doing anything. Describing must not touch the lab.
/// </summary>
public interface IDescribesActions
{
    /// <summary>
    /// One line per action, without a leading "would": "switch outlet 1 (otter) of PDU pdu1 at http://127.0.0.1:8123 off".
    /// </summary>
    /// <param name="phase">Inject or heal.</param>
    IReadOnlyList<string> DescribeActions(FaultPhase phase);
}
