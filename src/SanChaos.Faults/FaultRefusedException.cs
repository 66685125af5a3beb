using SanChaos.Core.Errors;

namespace SanChaos.Faults;

/// <summary>
/// A fault was refused before anything was done: the lab is not disposable, the fault touches something the
/// inventory does not declare, the lab lacks the capability, or the same fault is already active. The message says
/// which; <see cref="SanChaosException.Remedy"/> says which file or flag to change, or how to heal.
/// </summary>
public sealed class FaultRefusedException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="faultName">The refused fault, as engineers say it.</param>
    /// <param name="message">Why it was refused.</param>
    /// <param name="remedy">What to change.</param>
    /// <param name="missingCapability">
    /// What the lab lacks when that is the reason (e.g. <c>ISerialCableControl</c>, or the serial cable itself): such a
    /// fault cannot run on this lab at all, and a drill that needs it is skipped rather than failed. Null otherwise.
    /// </param>
    public FaultRefusedException(string faultName, string message, string remedy, string? missingCapability = null)
        : base(message, remedy)
    {
        FaultName = faultName;
        MissingCapability = missingCapability;
    }

    /// <summary>The refused fault's name.</summary>
    public string FaultName { get; }

    /// <summary>What the lab lacks to inject this fault (a capability interface, or what the inventory does not have), or null.</summary>
    public string? MissingCapability { get; }
}
