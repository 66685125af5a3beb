namespace SanChaos.Config;

/// <summary>How serious a finding or a parse diagnostic is.</summary>
public enum Severity
{
    /// <summary>Worth knowing; nothing to fix.</summary>
    Info,

    /// <summary>A risk or a recommendation the software's authors make; the SAN still works.</summary>
    Warning,

    /// <summary>The software refuses the file, or a failure this configuration invites will cost data or service.</summary>
    Error,
}
