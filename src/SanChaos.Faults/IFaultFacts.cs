namespace SanChaos.Faults;

/// <summary>
/// Optional capability of an <see cref="IFault"/>: what it learnt while injecting or healing (the node
/// kill-the-primary chose, the pids it killed, whether a daemon was already running). <see cref="FaultSet"/> records
/// these with the <c>fault.injected</c> and <c>fault.healed</c> events.
/// </summary>
public interface IFaultFacts
{
    /// <summary>Facts of the last injection or heal, by name (<c>node</c>, <c>pids</c>, <c>outlets</c>...); empty before either.</summary>
    IReadOnlyDictionary<string, string> Facts { get; }
}
