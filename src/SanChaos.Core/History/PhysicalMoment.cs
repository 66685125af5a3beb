using System.Globalization;

namespace SanChaos.Core.History;

/// <summary>
/// When a fault physically happened, as a fault records it in its facts and so in its <c>fault.injected</c> event's data
/// (and when its heal took effect, in <c>fault.healed</c>'s): <c>physical_at</c> (ISO 8601, UTC), <c>physical_source</c>
/// (<c>pdu-record</c>: the PDU's own record of the switch; <c>pdu-request</c>: the request to switch, which bounds it from
/// below, <c>physical_not_after</c> the read-back that confirmed it from above; <c>cable-cut</c>: the lab's cut returned,
/// <c>physical_not_before</c> when it was asked) and <c>physical_detail</c> in words. Every figure and checker counts from
/// <see cref="Of"/>: a fault without a record counts from its <c>fault.injected</c> event.
/// </summary>
public static class PhysicalMoment
{
    /// <summary>Data key: the moment (ISO 8601, UTC).</summary>
    public const string At = "physical_at";

    /// <summary>Data key: where it comes from (<see cref="FromPduRecord"/>, <see cref="FromPduRequest"/>, <see cref="FromCableCut"/>).</summary>
    public const string Source = "physical_source";

    /// <summary>Data key: how it was learnt, in words.</summary>
    public const string Detail = "physical_detail";

    /// <summary>Data key: the earliest it can have been, when known.</summary>
    public const string NotBefore = "physical_not_before";

    /// <summary>Data key: the latest it can have been, when known.</summary>
    public const string NotAfter = "physical_not_after";

    /// <summary>The PDU recorded when it switched the outlet (the embedded PDU: when it froze or started the node).</summary>
    public const string FromPduRecord = "pdu-record";

    /// <summary>The request to switch the outlet was sent then (a lower bound; the read-back is the upper one).</summary>
    public const string FromPduRequest = "pdu-request";

    /// <summary>The lab's cable cut (or restore) returned then (it sets the port down last; the request is the lower bound).</summary>
    public const string FromCableCut = "cable-cut";

    /// <summary>What a fault without a record counts from: its <c>fault.injected</c> event, written after its own call returned.</summary>
    public const string FromEvent = EventKinds.FaultInjected;

    /// <summary>The moment of <paramref name="e"/> (a <c>fault.injected</c> or <c>fault.healed</c> event): its <c>physical_at</c>, else its own time.</summary>
    public static DateTimeOffset Of(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Parse(e.Data.GetValueOrDefault(At)) ?? e.Wall;
    }

    /// <summary>Where <see cref="Of"/> comes from for <paramref name="e"/>: its <c>physical_source</c>, else <see cref="FromEvent"/>.</summary>
    public static string SourceOf(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Parse(e.Data.GetValueOrDefault(At)) is not null && e.Data.GetValueOrDefault(Source) is { Length: > 0 } s ? s : FromEvent;
    }

    /// <summary>Sets the facts of a moment in <paramref name="facts"/> (replacing any earlier one).</summary>
    public static void Record(IDictionary<string, string> facts, DateTimeOffset at, string source, string detail,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        Forget(facts);
        facts[At] = Format(at);
        facts[Source] = source;
        facts[Detail] = detail;
        if (notBefore is { } b) facts[NotBefore] = Format(b);
        if (notAfter is { } a) facts[NotAfter] = Format(a);
    }

    /// <summary>Removes a moment from <paramref name="facts"/> (a heal that switched nothing has none).</summary>
    public static void Forget(IDictionary<string, string> facts)
    {
        foreach (var k in new[] { At, Source, Detail, NotBefore, NotAfter }) facts.Remove(k);
    }

    /// <summary><c>2026-11-29T15:38:16.1600000Z</c>.</summary>
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary><c>15:38:16.160</c>, as evidence writes times.</summary>
    public static string Clock(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
