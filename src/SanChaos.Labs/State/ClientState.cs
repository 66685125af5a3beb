namespace SanChaos.Labs.State;

/// <summary>What a client (badger) looked like at one moment.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Reachable">False when the node could not be reached.</param>
/// <param name="Error">Why it could not be reached.</param>
/// <param name="Sessions">iSCSI sessions with their states.</param>
/// <param name="Paths">Multipath paths (all maps).</param>
/// <param name="PathsError">multipathd's complaint when it could not list paths (not running...).</param>
public sealed record ClientState(
    string Name, bool Reachable, string? Error, IReadOnlyList<IscsiSession> Sessions, IReadOnlyList<MultipathPath> Paths, string? PathsError)
{
    /// <summary>A node that could not be reached.</summary>
    public static ClientState Unreachable(string name, string error) => new(name, false, error, [], [], null);

    /// <summary>The paths of map <paramref name="alias"/>.</summary>
    public IReadOnlyList<MultipathPath> PathsOf(string alias) => Paths.Where(p => p.Map == alias).ToArray();

    /// <inheritdoc />
    public override string ToString() => !Reachable
        ? $"{Name}: unreachable ({Error})"
        : $"{Name}: sessions {(Sessions.Count == 0 ? "none" : string.Join(", ", Sessions))}; paths " +
          (PathsError is not null ? $"unavailable ({PathsError})" : Paths.Count == 0 ? "none" : string.Join(", ", Paths.Select(p => $"{p.Map}:{p}")));
}
