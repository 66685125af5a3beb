namespace SanChaos.Faults;

/// <summary>The two halves of a fault.</summary>
public enum FaultPhase
{
    /// <summary>Injecting it.</summary>
    Inject,

    /// <summary>Healing it.</summary>
    Heal,
}
