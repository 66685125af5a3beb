namespace SanChaos.Reporting.Charts;

/// <summary>A span of time on a chart: a fault from injection to heal, or the longest I/O stall.</summary>
/// <param name="From">Start.</param>
/// <param name="To">End; null when it had not ended when observation did.</param>
/// <param name="Label">What it is.</param>
internal sealed record TimelineWindow(DateTimeOffset From, DateTimeOffset? To, string Label);
