using SanChaos.Core.History;

namespace SanChaos.Faults;

/// <summary>Dry-run helpers: whether it is on, and what a fault would do.</summary>
internal static class DryRun
{
    /// <summary>The option when set, else the <see cref="FaultSetOptions.DryRunVariable"/> environment variable (1, true, yes, on).</summary>
    public static bool Resolve(bool? option) => Core.DryRunSwitch.Resolve(option);

    /// <summary>The actions of <paramref name="fault"/> in <paramref name="phase"/>, or one generic line when it cannot describe them.</summary>
    public static IReadOnlyList<string> Actions(IFault fault, FaultPhase phase)
    {
        if (fault is IDescribesActions d)
        {
            try
            {
                var lines = d.DescribeActions(phase);
                if (lines.Count > 0) return lines;
            }
            catch (Exception e)
            {
                return [$"{Verb(phase)} '{fault.Name}' on {Targets(fault)} (its actions cannot be described: {e.Message})"];
            }
        }

        return [$"{Verb(phase)} '{fault.Name}' on {Targets(fault)}"];
    }

    /// <summary>Prints and records "DRY RUN: would ..." for each action.</summary>
    public static void Report(IFault fault, FaultPhase phase, Action<string>? output, RunHistory? history,
        IReadOnlyDictionary<string, string> data, string suffix = "")
    {
        foreach (var action in Actions(fault, phase))
        {
            var line = $"DRY RUN: would {action}{suffix}";
            (output ?? Console.Out.WriteLine)(line);
            history?.Append(FaultEventKinds.DryRun, fault.Name, line,
                new Dictionary<string, string>(data) { ["action"] = action, ["phase"] = phase.ToString().ToLowerInvariant() });
        }
    }

    public static string Targets(IFault fault) => fault.Targets.Count == 0 ? "(no targets)" : string.Join("; ", fault.Targets);

    private static string Verb(FaultPhase phase) => phase == FaultPhase.Inject ? "inject" : "heal";
}
