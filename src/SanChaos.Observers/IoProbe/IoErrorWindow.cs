namespace SanChaos.Observers.IoProbe;

/// <summary>A run of failed writes with no acknowledged write between them, on the harness's clock.</summary>
/// <param name="First">When the first failed write returned.</param>
/// <param name="Last">When the last failed write returned.</param>
/// <param name="FirstSeq">The first failed write.</param>
/// <param name="LastSeq">The last failed write.</param>
/// <param name="Count">How many writes failed.</param>
/// <param name="Errors">Failures by errno name (<c>EIO</c>; <c>short</c> for short writes).</param>
public sealed record IoErrorWindow(DateTimeOffset First, DateTimeOffset Last, long FirstSeq, long LastSeq, int Count,
    IReadOnlyDictionary<string, int> Errors)
{
    /// <summary>From the first failure to the last.</summary>
    public TimeSpan Duration => Last - First;

    /// <summary>The errors as <c>EIO=37, ETIMEDOUT=2</c>, most frequent first.</summary>
    public string ErrorsText => string.Join(", ", Errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
        .Select(e => $"{e.Key}={e.Value}"));
}
