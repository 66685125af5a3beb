namespace SanChaos.Labs.Provisioning;

/// <summary>Timeouts and collaborators of <see cref="Provisioner"/>; every default suits the embedded lab.</summary>
public sealed record ProvisionerOptions
{
    /// <summary>Clock for timings and waits. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Pause between checks while waiting. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of each node command. Default 120 s (service starts are slow on UML nodes).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Until DRBD connects after <c>drbdadm up</c>. Default 60 s.</summary>
    public TimeSpan DrbdConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Until both disks are UpToDate (initial sync). Default 10 min (10 GB at the seeds' 30M needs ~6).</summary>
    public TimeSpan DrbdSyncTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Until both Heartbeats see each other; null = the inventory's initdead + 30 s.</summary>
    public TimeSpan? MembershipTimeout { get; init; }

    /// <summary>Until the resource group runs on one node. Default 180 s (stock agents took ~40 s on UML).</summary>
    public TimeSpan ResourceStartTimeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Until every portal is logged in and the disks report their WWID. Default 60 s.</summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Until the multipath map has all paths active. Default 60 s.</summary>
    public TimeSpan MultipathTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// While waiting for the resource group, the full check runs when the target reports running and at least this
    /// often otherwise (its probes cost the starting agents CPU). Default 10 s.
    /// </summary>
    public TimeSpan FullCheckEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The DRBD backing disks are known to be blank (all zeros) on every storage node, as on the embedded lab, which
    /// creates them as new sparse files: the first provisioning then skips the initial full sync (DRBD's
    /// new-current-uuid with a cleared bitmap). False (the default) for disks of unknown content: a full sync runs.
    /// </summary>
    public bool DrbdDisksAreBlank { get; init; }

    /// <summary>
    /// Completes when a node can take commands; steps on a node wait for it first. Lets provisioning start on the
    /// storage nodes while a client still boots. Null: every node is ready.
    /// </summary>
    public Func<string, CancellationToken, Task>? NodeReady { get; init; }

    /// <summary>Renderer; null = one over <see cref="SutData.Default"/>.</summary>
    public SutRenderer? Renderer { get; init; }
}
