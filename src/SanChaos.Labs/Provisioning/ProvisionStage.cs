namespace SanChaos.Labs.Provisioning;

/// <summary>
/// Steps that run at the same time (on different nodes). The stages of one <see cref="Track"/> run one after
/// the other; tracks run side by side, and a stage waits for every track named in <see cref="After"/> to finish
/// first. So the client is prepared (files, modules, iscsid, node records) while the storage nodes provision,
/// and logs in once the storage track has the target up.
/// </summary>
/// <param name="Name">What the stage does.</param>
/// <param name="Steps">Its steps.</param>
public sealed record ProvisionStage(string Name, IReadOnlyList<ProvisionStep> Steps)
{
    /// <summary>The track of the storage nodes (DRBD, LVM, Heartbeat, the resource group).</summary>
    public const string StorageTrack = "storage";

    /// <summary>The track of the clients (open-iscsi, multipath).</summary>
    public const string ClientTrack = "client";

    /// <summary>The track this stage belongs to; its stages run in plan order.</summary>
    public string Track { get; init; } = StorageTrack;

    /// <summary>Tracks that must have finished before this stage starts.</summary>
    public IReadOnlyList<string> After { get; init; } = [];
}
