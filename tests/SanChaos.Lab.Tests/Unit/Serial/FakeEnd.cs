using SanChaos.Labs.Serial;

namespace SanChaos.Lab.Tests.Unit.Serial;

/// <summary>A node's end of the line in memory: what the node transmits waits in <see cref="Transmit"/>, what reaches its
/// receive buffer in <see cref="Received"/>; <see cref="TakesAtMost"/> makes its port accept short writes.</summary>
internal sealed class FakeEnd : IRelayEnd
{
    private readonly Queue<byte> _unsent = new();
    private readonly List<byte> _buffer = new();

    /// <summary>Most bytes one <see cref="Offer"/> takes (a port that is busy takes part of a write); null: all.</summary>
    public int? TakesAtMost { get; set; }

    /// <summary>Offers made, with how many bytes each took.</summary>
    public List<(int Offered, int Took)> Offers { get; } = new();

    public int Unread => _buffer.Count;

    /// <summary>The node writes to its port.</summary>
    public void Transmit(ReadOnlySpan<byte> data)
    {
        foreach (var b in data) _unsent.Enqueue(b);
    }

    public int UnsentCount => _unsent.Count;

    /// <summary>The node reads up to <paramref name="count"/> bytes of its receive buffer.</summary>
    public byte[] Read(int count = int.MaxValue)
    {
        var n = Math.Min(count, _buffer.Count);
        var got = _buffer.GetRange(0, n).ToArray();
        _buffer.RemoveRange(0, n);
        return got;
    }

    /// <summary>What waits in the receive buffer, unread.</summary>
    public byte[] Received => _buffer.ToArray();

    public int Take(Span<byte> buffer)
    {
        var n = 0;
        while (n < buffer.Length && _unsent.TryDequeue(out var b)) buffer[n++] = b;
        return n;
    }

    public int Offer(ReadOnlySpan<byte> data)
    {
        var took = Math.Min(data.Length, TakesAtMost ?? int.MaxValue);
        _buffer.AddRange(data[..took].ToArray());
        Offers.Add((data.Length, took));
        return took;
    }

    public int DiscardUnread()
    {
        var n = _buffer.Count;
        _buffer.Clear();
        return n;
    }

    public int DiscardUnsent()
    {
        var n = _unsent.Count;
        _unsent.Clear();
        return n;
    }
}
