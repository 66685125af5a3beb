namespace SanChaos.Labs.Provisioning;

/// <summary>The parts of bringing the SAN up, timed separately so a benchmark can print the split.</summary>
public enum ProvisionPhase
{
    /// <summary>Writing configuration files and scripts to the nodes.</summary>
    Files,
    /// <summary>Loading kernel modules and mounting configfs.</summary>
    Modules,
    /// <summary>DRBD meta data, up, connect, initial sync.</summary>
    Drbd,
    /// <summary>Physical volume, volume group and logical volume on DRBD (first provisioning only).</summary>
    Lvm,
    /// <summary>Starting Heartbeat until both nodes see each other (bounded by initdead).</summary>
    HeartbeatMembership,
    /// <summary>Heartbeat acquiring the resource group (drbddisk, LVM, IPaddr2, arp_filter, target).</summary>
    ResourceStart,
    /// <summary>The clients' files, modules, iscsid and iSCSI node records: done while the storage nodes provision, so it overlaps the phases above.</summary>
    ClientPrepare,
    /// <summary>Login on every portal, once the storage nodes hold the resource group.</summary>
    IscsiLogin,
    /// <summary>WWID check, multipathd, until the map has all its paths active.</summary>
    MultipathReady,
}
