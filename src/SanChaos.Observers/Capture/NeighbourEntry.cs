using System.Net;

namespace SanChaos.Observers.Capture;

/// <summary>One neighbour-table line as <c>ip -o neigh show</c> or <c>ip -o monitor neigh</c> prints it.</summary>
/// <param name="Address">The neighbour's address (IPv4 or IPv6).</param>
/// <param name="Device">The interface (<c>dev</c>), or null when the line names none.</param>
/// <param name="Mac">The link-layer address (<c>lladdr</c>) in lower-case colon form, or null (FAILED, INCOMPLETE entries).</param>
/// <param name="States">NUD states, e.g. <c>REACHABLE</c>; empty when the line gives none.</param>
/// <param name="Deleted">True for a <c>Deleted ...</c> line of the monitor.</param>
/// <param name="Router">True when the entry is flagged <c>router</c>.</param>
/// <param name="NodeTimestamp">The node's own timestamp of the line (<c>ip -ts monitor</c>: <c>[2025-01-01T12:00:00.123456]</c>), as printed; null without.</param>
public sealed record NeighbourEntry(
    IPAddress Address, string? Device, string? Mac, IReadOnlyList<string> States, bool Deleted, bool Router, string? NodeTimestamp)
{
    /// <summary>The states as one word (<c>REACHABLE</c>; several joined by '|'); <c>NONE</c> when there is none.</summary>
    public string State => States.Count == 0 ? "NONE" : string.Join('|', States);

    /// <summary>True when the entry maps the address to a MAC the kernel will use (not deleted, not FAILED or INCOMPLETE).</summary>
    public bool Usable => !Deleted && Mac is not null && !States.Contains("FAILED") && !States.Contains("INCOMPLETE");

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Deleted ? "Deleted " : "")}{Address}{(Device is null ? "" : " dev " + Device)}{(Mac is null ? "" : " lladdr " + Mac)}{(Router ? " router" : "")} {State}";
}
