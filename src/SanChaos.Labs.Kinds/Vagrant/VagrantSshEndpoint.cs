namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>How to reach one Vagrant machine over SSH, as <c>vagrant ssh-config</c> gives it.</summary>
/// <param name="Host">The machine's name (the block's <c>Host</c>).</param>
/// <param name="HostName">Address to connect to: 127.0.0.1 with a forwarded port (VirtualBox NAT), or the machine's address on the provider's management network (libvirt).</param>
/// <param name="User">Vagrant's login user (usually <c>vagrant</c>).</param>
/// <param name="Port">TCP port.</param>
/// <param name="IdentityFiles">Vagrant's private keys for <paramref name="User"/>, in order.</param>
/// <param name="UserKnownHostsFile">known_hosts file named by Vagrant (<c>/dev/null</c> when host keys are not verified), or null.</param>
/// <param name="StrictHostKeyChecking">False when Vagrant says <c>StrictHostKeyChecking no</c>.</param>
/// <param name="ProxyCommand">A ProxyCommand (remote libvirt hosts), or null.</param>
public sealed record VagrantSshEndpoint(
    string Host,
    string HostName,
    string User,
    int Port,
    IReadOnlyList<string> IdentityFiles,
    string? UserKnownHostsFile,
    bool StrictHostKeyChecking,
    string? ProxyCommand)
{
    /// <summary>The known_hosts file to verify host keys against; null when Vagrant does not verify them.</summary>
    public string? KnownHostsFile =>
        StrictHostKeyChecking && UserKnownHostsFile is { } file && file != "/dev/null" ? file : null;
}
