namespace SanChaos.Faults;

/// <summary>One fault a run injected and has not healed yet, as the <see cref="FaultJournal"/> keeps it.</summary>
/// <param name="Id">Entry id, unique in the journal.</param>
/// <param name="RunId">The run that injected it (its label, STYLE.md habit 6).</param>
/// <param name="Name">The fault as engineers say it.</param>
/// <param name="Descriptor">Kind and parameters, to rebuild and heal it.</param>
/// <param name="Since">When it was journaled (wall clock, just before injection).</param>
/// <param name="ProcessId">The process that injected it, for diagnosis.</param>
public sealed record FaultJournalEntry(string Id, string RunId, string Name, FaultDescriptor Descriptor, DateTimeOffset Since, int ProcessId);
