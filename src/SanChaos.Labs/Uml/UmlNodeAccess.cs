namespace SanChaos.Labs.Uml;

/// <summary>How the harness reaches one node of the embedded lab (input of <see cref="UmlLabOptions.NodeFactory"/>).</summary>
/// <param name="Node">Node name.</param>
/// <param name="Address">Its management address (no prefix).</param>
/// <param name="Namespace">The network namespace the harness's SSH client must run in (<c>ip netns exec</c>).</param>
/// <param name="User">Login user.</param>
/// <param name="PrivateKeyFile">The harness's private key.</param>
/// <param name="ControlDirectory">A per-run directory for OpenSSH control sockets (removed with the run).</param>
public sealed record UmlNodeAccess(string Node, string Address, string Namespace, string User, string PrivateKeyFile, string ControlDirectory);
