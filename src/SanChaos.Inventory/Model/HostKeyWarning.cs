namespace SanChaos.Inventory.Model;

/// <summary>
/// The warning every run on a rack prints while its inventory opts out of host key checking (<c>known_hosts: none</c>),
/// worded once; the embedded lab never warns (its nodes get new host keys with every build, inside its own namespace).
/// </summary>
public static class HostKeyWarning
{
    /// <summary>The warning for <paramref name="inventory"/>, or null when every node's host key is checked or the lab is embedded.</summary>
    public static string? For(LabInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Kind == LabKind.Embedded) return null;
        var unverified = inventory.Nodes.Where(n => n.Ssh.KnownHostsFile is null).Select(n => n.Name).ToArray();
        if (unverified.Length == 0) return null;
        return $"warning: the host keys of {string.Join(", ", unverified)} are not checked (`known_hosts: {SshSpec.NoKnownHosts}` in {inventory.SourcePath}): " +
               "whoever answers on their management addresses gets the harness's root login, every command it runs and the secrets it uploads. " +
               "Fill a known_hosts file (`ssh-keyscan -t ed25519 <management address>`, fingerprints checked on each node's console) and name it in `ssh: { known_hosts: ... }`.";
    }
}
