using SanChaos.Core.Errors;

namespace SanChaos.Labs.Uml;

/// <summary>
/// The embedded lab's first checks, made before anything is locked, created or started: root and
/// <see cref="HostFacts.TunDevice"/>. The lab's own preflight makes them too; a caller that takes the lab lock
/// first (<c>sanchaos lab up</c>, the drills' shared lab) calls <see cref="Check"/> before it, with the way
/// its user runs it as root.
/// </summary>
public static class HostPreflight
{
    /// <summary>The root remedy for a program started with <c>dotnet</c> (tests and drills).</summary>
    public const string RunDotnetAsRoot = "run it as root: `sudo -E dotnet test ...` (or `sudo -E dotnet run ...`).";

    /// <summary>Every problem <paramref name="host"/> shows, each with its fix; empty when the machine can host the lab.</summary>
    /// <param name="host">The machine's facts.</param>
    /// <param name="runAsRoot">How this user runs the same thing as root, e.g. run `sudo sanchaos lab up`.</param>
    public static IReadOnlyList<(string Problem, string Fix)> Problems(HostFacts host, string runAsRoot)
    {
        var problems = new List<(string Problem, string Fix)>();
        if (!host.IsRoot)
            problems.Add(("the embedded lab needs root (it creates network namespaces, TAP devices and user-mode Linux machines)", runAsRoot));
        if (!host.TunExists)
            problems.Add(($"{HostFacts.TunDevice} is missing (the embedded lab's nodes get their network cards from TAP devices)",
                $"load the module: `sudo modprobe tun` (if {HostFacts.TunDevice} is still missing: `sudo mkdir -p /dev/net && sudo mknod {HostFacts.TunDevice} c 10 200`); " +
                $"in a container, start it with `--device {HostFacts.TunDevice} --cap-add NET_ADMIN`."));
        return problems;
    }

    /// <summary>Throws one <see cref="SanChaosException"/> naming every problem and its fix (one line each) when there is any.</summary>
    /// <param name="host">The machine's facts (<see cref="HostFacts.Current"/> outside tests).</param>
    /// <param name="runAsRoot">How this user runs the same thing as root.</param>
    public static void Check(HostFacts host, string runAsRoot)
    {
        var problems = Problems(host, runAsRoot);
        if (problems.Count > 0)
            throw new SanChaosException(string.Join("; and ", problems.Select(p => p.Problem)), string.Join("; then ", problems.Select(p => p.Fix)));
    }
}
