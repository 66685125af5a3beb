namespace SanChaos.Reporting.Environment;

/// <summary>What one node of the lab ran (environment.json <c>nodes[]</c>).</summary>
/// <param name="Name">The node's inventory name.</param>
/// <param name="Role">Its role (<c>storage</c>, <c>client</c>).</param>
/// <param name="Versions">Version by item, in catalog order: <c>kernel</c>, <c>drbd-module</c>, <c>drbd-utils</c>,
/// <c>heartbeat</c>, <c>targetcli-fb</c>, <c>tgt</c>, <c>open-iscsi</c>, <c>multipath-tools</c> (the <c>version_*</c>
/// commands of lab/sut/commands.yaml). An item that is not installed on the node is absent.</param>
/// <param name="Errors">Why versions are missing when the node could not be asked (unreachable, timeout).</param>
public sealed record NodeEnvironment(string Name, string Role, IReadOnlyDictionary<string, string> Versions, IReadOnlyList<string>? Errors = null);
