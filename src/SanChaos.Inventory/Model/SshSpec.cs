namespace SanChaos.Inventory.Model;

/// <summary>How the harness logs into a node.</summary>
/// <param name="User">Login user. Default <c>root</c>.</param>
/// <param name="Port">TCP port. Default 22.</param>
/// <param name="KeyFile">Private key file; null = the lab generates one (embedded) or ssh's defaults.</param>
/// <param name="KnownHostsFile">known_hosts to verify host keys against; null = not verified (disposable labs only).</param>
public sealed record SshSpec(string User, int Port, string? KeyFile, string? KnownHostsFile);
