using SanChaos.Reporting.Runs;

namespace SanChaos.Reporting.Allure;

/// <summary>
/// Which lab and build a run ran on, from its <c>environment.json</c>: <c>embedded 7.2-seccomp/bookworm/lio</c>. A report
/// of runs from several labs or builds (a CI matrix's jobs merged into one report) tells their results apart by it.
/// </summary>
internal static class LabAxis
{
    /// <summary>What a run without <c>environment.json</c> is filed under.</summary>
    public const string Unknown = "unknown lab";

    /// <summary>The lab and build of <paramref name="run"/>.</summary>
    public static string Of(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Environment is not { } env) return Unknown;
        var build = env.Sut.GetValueOrDefault("build");
        return string.IsNullOrEmpty(build) ? env.LabName : $"{env.LabName} {build}";
    }

    /// <summary>True when <paramref name="runs"/> ran on more than one lab or build.</summary>
    public static bool Varies(IEnumerable<RunFolder> runs) => runs.Select(Of).Distinct(StringComparer.Ordinal).Skip(1).Any();
}
