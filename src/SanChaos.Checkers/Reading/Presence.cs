namespace SanChaos.Checkers.Reading;

/// <summary>How much is known about a storage node at one moment.</summary>
internal enum Presence
{
    /// <summary>Its own reports say what it holds.</summary>
    Observed,

    /// <summary>A power fault cut it: it holds nothing.</summary>
    Off,

    /// <summary>Powered on again and booting; its first report afterwards says it came up holding nothing.</summary>
    Booting,

    /// <summary>Unreachable, not observed, or not yet reported: it may hold anything.</summary>
    Unknown,
}
