namespace SanChaos.Checkers;

/// <summary>How long a checker needs the SAN observed, and why.</summary>
/// <param name="Until">The moment (harness clock).</param>
/// <param name="Why">What asked for it, e.g. <c>gratuitous ARP for 192.168.2.1 from weasel on storage-a within 60 s of the fault at 15:38:02.617</c>.</param>
/// <param name="Checker">The checker's name.</param>
public sealed record ObservationNeed(DateTimeOffset Until, string Why, string Checker);
