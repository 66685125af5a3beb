namespace SanChaos.Labs.Provisioning;

/// <summary>
/// One idempotent step of the provisioning plan. In order: skip checks (<see cref="SkipWhen"/>, then
/// <see cref="SkipIf"/>), <see cref="Commands"/> (each must exit 0), <see cref="Files"/> uploads,
/// <see cref="Action"/>, then <see cref="Wait"/>.
/// </summary>
/// <param name="Name">What it does.</param>
/// <param name="Phase">The phase its time counts towards.</param>
/// <param name="Node">The node it runs on; null for a cluster-wide wait.</param>
/// <param name="Remedy">What to do when it fails (goes into the error).</param>
public sealed record ProvisionStep(string Name, ProvisionPhase Phase, string? Node, string Remedy)
{
    /// <summary>Shell commands run in order with <see cref="NodeExtensions.RunAsync"/>.</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary>Files written after the commands.</summary>
    public IReadOnlyList<SutFile> Files { get; init; } = [];

    /// <summary>A command whose exit 0 means the step is already done (then it is skipped).</summary>
    public string? SkipIf { get; init; }

    /// <summary>A check returning why the step must be skipped, or null to run it.</summary>
    public Func<CancellationToken, Task<string?>>? SkipWhen { get; init; }

    /// <summary>Code run after commands and files; returns a detail for the report.</summary>
    public Func<CancellationToken, Task<string?>>? Action { get; init; }

    /// <summary>A condition to wait for at the end.</summary>
    public ProvisionWait? Wait { get; init; }

    /// <summary>Where it runs, for messages.</summary>
    public string Where => Node ?? "cluster";

    /// <summary>The step for display: where, what, its commands and files and wait; redacted (<see cref="Core.Secrets.Redactor"/>).</summary>
    public override string ToString() => Core.Secrets.Redactor.Redact(
        $"{Where}: {Name}" + (SkipIf is null ? "" : $" (skip if `{SkipIf}`)") +
        string.Concat(Commands.Select(c => $"\n    $ {c}")) + string.Concat(Files.Select(f => $"\n    > {f.Path} ({f.Mode})")) +
        (Wait is null ? "" : $"\n    wait up to {Wait.Timeout.TotalSeconds:0} s: {Wait.Condition}"));
}
