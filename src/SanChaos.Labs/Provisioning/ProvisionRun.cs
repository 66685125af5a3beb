using System.Collections.Concurrent;

namespace SanChaos.Labs.Provisioning;

/// <summary>What one provisioning run learns on the way (the client's WWID, notes for the report).</summary>
internal sealed class ProvisionRun(string computedWwid)
{
    private readonly ConcurrentQueue<string> notes = new();

    public string Wwid { get; set; } = computedWwid;

    public IReadOnlyList<string> Notes => notes.ToArray();

    public void Note(string text) => notes.Enqueue(text);
}
