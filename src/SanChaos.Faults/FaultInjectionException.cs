using SanChaos.Core.Errors;

namespace SanChaos.Faults;

/// <summary>
/// Injecting a fault failed and healing it right after failed too, so it may be half injected. Both errors are kept:
/// <see cref="InjectError"/> is the original failure, <see cref="HealError"/> the heal's, side by side.
/// </summary>
public sealed class FaultInjectionException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="faultName">The fault.</param>
    /// <param name="injectError">Why the injection failed.</param>
    /// <param name="healError">Why the heal after it failed.</param>
    /// <param name="journalPath">The journal that still lists the fault, or null.</param>
    public FaultInjectionException(string faultName, Exception injectError, Exception healError, string? journalPath)
        : base(
            $"Injecting '{faultName}' failed: {Describe(injectError)}{Environment.NewLine}Healing it right after failed too, so it may be half injected: {Describe(healError)}",
            journalPath is null
                ? "Fix the cause, then heal by hand or with `sanchaos lab down`."
                : $"Fix the cause, then run `sanchaos lab down` (or the next run): the journal {journalPath} still lists the fault.",
            new AggregateException(injectError, healError))
    {
        FaultName = faultName;
        InjectError = injectError;
        HealError = healError;
    }

    /// <summary>The fault.</summary>
    public string FaultName { get; }

    /// <summary>The original failure.</summary>
    public Exception InjectError { get; }

    /// <summary>The heal's failure.</summary>
    public Exception HealError { get; }

    private static string Describe(Exception e) => e switch
    {
        SanChaosException s when s.Remedy.Length > 0 => $"{s.Problem} (what to do: {s.Remedy})",
        SanChaosException s => s.Problem,
        OperationCanceledException => "cancelled",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
