namespace SanChaos.Inventory.Model;

/// <summary>
/// How the harness logs into a node: the node's <c>ssh:</c> keys, each defaulting to the inventory's top-level <c>ssh:</c>.
/// </summary>
/// <param name="User">Login user. Default <c>root</c>.</param>
/// <param name="Port">TCP port. Default 22.</param>
/// <param name="KeyFile">Private key file; null = the lab generates one (embedded) or ssh's defaults.</param>
/// <param name="KnownHostsFile">known_hosts to verify host keys against (strict checking). Null = not verified: the embedded
/// lab (its nodes get new host keys with every build), or a rack whose inventory opts out with <c>known_hosts: none</c>
/// (every run then warns, <see cref="HostKeyWarning"/>); a rack's inventory cannot leave it out.</param>
/// <param name="ConfigFile">An ssh_config of its own for a rack (passed as <c>-F</c>); null = the user's
/// <c>~/.ssh/config</c> and <c>/etc/ssh/ssh_config</c> (jump hosts, agents). The embedded lab reads none.</param>
public sealed record SshSpec(string User, int Port, string? KeyFile, string? KnownHostsFile, string? ConfigFile = null)
{
    /// <summary>The <c>known_hosts</c> value that turns host key checking off for a node (<c>known_hosts: none</c>).</summary>
    public const string NoKnownHosts = "none";
}
