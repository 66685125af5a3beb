using SanChaos.Reporting.Allure.Model;

namespace SanChaos.Reporting.Allure;

/// <summary>
/// The categories of <c>categories.json</c> (and of the report's Allure config): the outcome classes expected finding,
/// expected finding missing and marginal, then for regressions the defects split brain, lost writes, stall over budget,
/// application I/O errors, GARP missing, and lab broken. A result falls in the first whose regular
/// expression matches its message (the failing step's error, then one line per verdict that is not Valid:
/// <c>checker: INVALID: summary</c>). The expressions match the whole message, as Allure 2 requires, and use no
/// inline flags, as Allure 3's JavaScript needs.
/// </summary>
internal static class AllureCategories
{
    public static IReadOnlyList<AllureCategory> All { get; } =
    [
        // The outcome classes first: the status message starts with the class (ScenarioMapper), so a declared finding is
        // never filed under its defect, and a regression falls through to the defect categories below.
        new("Expected finding", "The drill declares this finding for the seeds' configuration (@expect:<checker>) and the run saw exactly that.",
            [AllureStatuses.Passed], @"expected finding:[\s\S]*"),
        new("Expected finding missing", "A declared finding was not seen: the SAN got better, or a checker broke.", [AllureStatuses.Failed],
            @"expected finding missing:[\s\S]*"),
        new("Marginal", "A verdict decided by a race whose margin was under the drill's bound: it may go either way next time.",
            [AllureStatuses.Unknown], @"marginal:[\s\S]*"),
        new("Split brain", "Both storage nodes acted as primary, or DRBD detected a split brain.", [AllureStatuses.Failed, AllureStatuses.Broken],
            @"[\s\S]*[Ss]plit.?[Bb]rain[\s\S]*"),
        new("Lost writes", "An acknowledged write was lost, torn or stale when read back.", [AllureStatuses.Failed],
            @"[\s\S]*([Ll]ost|[Tt]orn|[Ss]tale|[Rr]ead-?back)[\s\S]*"),
        new("Stall over budget", "Application I/O stalled longer than the configured timeouts allow.", [AllureStatuses.Failed],
            @"[\s\S]*([Ss]tall|[Bb]udget)[\s\S]*"),
        new("Application I/O errors", "The application saw write errors (EIO) instead of a delay.", [AllureStatuses.Failed],
            @"[\s\S]*(I/O error|[Ii][Oo] errors?|EIO|write\(s\) failed|[Ff]ailed writes?)[\s\S]*"),
        new("GARP missing", "No gratuitous ARP announced a floating IP on a storage network after the takeover.", [AllureStatuses.Failed],
            @"[\s\S]*(GARP|[Gg]ratuitous)[\s\S]*"),
        new("Lab broken", "The lab or the harness failed, or a checker could not decide: not a verdict on the SAN.", [AllureStatuses.Broken],
            @"[\s\S]*"),
    ];
}
