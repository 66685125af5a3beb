namespace SanChaos.Core;

/// <summary>
/// The one switch for a dry run, read by the fault layer (print every action, do none) and by the drill runner (walk
/// each drill without a lab, then report it skipped): <c>SANCHAOS_DRY_RUN=1</c> (or true, yes, on).
/// </summary>
public static class DryRunSwitch
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "SANCHAOS_DRY_RUN";

    /// <summary><paramref name="option"/> when it is set, otherwise what <see cref="Variable"/> says.</summary>
    public static bool Resolve(bool? option = null)
    {
        if (option is { } set) return set;
        var v = Environment.GetEnvironmentVariable(Variable)?.Trim();
        return v is not null && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase) ||
                                 v.Equals("yes", StringComparison.OrdinalIgnoreCase) || v.Equals("on", StringComparison.OrdinalIgnoreCase));
    }
}
