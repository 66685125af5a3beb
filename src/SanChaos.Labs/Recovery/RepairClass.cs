namespace SanChaos.Labs.Recovery;

/// <summary>Whose doing a state that needs a repair is.</summary>
public enum RepairClass
{
    /// <summary>A known behaviour of the system under test (Heartbeat, DRBD, open-iscsi, multipathd): a checker judges it.</summary>
    SutBehaviour,

    /// <summary>An artifact of the lab or the harness, not of the SAN: its cause is named, no checker blames the SAN for it.</summary>
    LabArtifact,
}
