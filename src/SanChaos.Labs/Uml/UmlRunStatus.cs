namespace SanChaos.Labs.Uml;

/// <summary>An embedded lab run found on this machine (from its state file), for <c>lab status</c>.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Namespace">Its network namespace.</param>
/// <param name="RunDirectory">Its run directory.</param>
/// <param name="Phase">starting, up or stopping, as last recorded.</param>
/// <param name="OwnerPid">The process that started it (holds its serial relay and SSH connections).</param>
/// <param name="OwnerAlive">True while that process runs; a run whose owner died is reaped by the next up or down.</param>
/// <param name="NamespaceExists">True when its namespace exists.</param>
/// <param name="Created">When it started.</param>
/// <param name="Nodes">Its nodes.</param>
public sealed record UmlRunStatus(
    string RunId,
    string Namespace,
    string RunDirectory,
    string Phase,
    int OwnerPid,
    bool OwnerAlive,
    bool NamespaceExists,
    DateTimeOffset Created,
    IReadOnlyList<UmlNodeStatus> Nodes);
