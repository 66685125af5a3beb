using System.Globalization;

namespace SanChaos.Observers.IoProbe;

/// <summary>
/// The output of <c>sanchaos-ioprobe</c> (either mode) read into records. Lines are added one at a time as they
/// arrive (<see cref="Add"/>) or all at once (<see cref="Parse(IEnumerable{string})"/>). Not thread-safe.
/// Line formats (see <c>lab/sut/tools/sanchaos-ioprobe.c</c>):
/// <list type="bullet">
/// <item><c>H sanchaos-ioprobe VERSION key=value...</c>: the header (mode, device, offset, size, block, slots, run, pid...).</item>
/// <item><c>W SEQ SLOT SUBMIT_NS COMPLETE_NS RESULT [ERRNO_NAME]</c>: one write; RESULT is 0, an errno or <c>short:BYTES</c>.</item>
/// <item><c>R reuse|sample AFTER_SEQ SUBMIT_NS COMPLETE_NS SLOT SEQ|- STATUS [...]</c>: a read during the run (version 2),
/// the rest as a <c>V</c> line.</item>
/// <item><c>V SLOT SEQ|- STATUS [SECTORS | ERRNO NAME]</c>: one slot read back by <c>verify</c>.</item>
/// <item><c>S key=value...</c> or <c>S verify key=value...</c>: the summary printed on exit.</item>
/// </list>
/// </summary>
public sealed class IoProbeLog
{
    private readonly List<IoWrite> _writes = new();
    private readonly List<IoVerifySlot> _slots = new();
    private readonly List<IoRead> _reads = new();
    private readonly List<string> _unparsed = new();
    private Dictionary<string, string>? _header;
    private Dictionary<string, string>? _summary;

    /// <summary>The header's fields (<c>version</c>, <c>mode</c>, <c>device</c>, <c>offset</c>...), or null before it arrived.</summary>
    public IReadOnlyDictionary<string, string>? Header => _header;

    /// <summary>The summary's fields (<c>end</c>, <c>writes</c>, <c>ok</c>...), or null while the probe runs.</summary>
    public IReadOnlyDictionary<string, string>? Summary => _summary;

    /// <summary>The writes, in the order they were reported.</summary>
    public IReadOnlyList<IoWrite> Writes => _writes;

    /// <summary>The slots read back by <c>verify</c>, in order.</summary>
    public IReadOnlyList<IoVerifySlot> Slots => _slots;

    /// <summary>The writer's reads during the run (none from a version 1 probe), in the order they were reported.</summary>
    public IReadOnlyList<IoRead> Reads => _reads;

    /// <summary>Lines that are none of the above (kept for the report: they should not happen).</summary>
    public IReadOnlyList<string> Unparsed => _unparsed;

    /// <summary>The block size from the header; 4096 before the header arrived.</summary>
    public int BlockSize => HeaderInt("block") is { } b ? (int)b : 4096;

    /// <summary>A numeric header field, or null when absent.</summary>
    public long? HeaderInt(string key) =>
        _header is not null && _header.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : null;

    /// <summary>Reads every line of <paramref name="lines"/>.</summary>
    public static IoProbeLog Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var log = new IoProbeLog();
        foreach (var l in lines) log.Add(l);
        return log;
    }

    /// <summary>Reads the lines of <paramref name="text"/>.</summary>
    public static IoProbeLog Parse(string text) => Parse((text ?? "").Split('\n'));

    /// <summary>
    /// Reads one line; returns false (and keeps it in <see cref="Unparsed"/>) when it is not the probe's. Blank lines and
    /// comments (<c># ...</c>, which the observer adds to its artifacts: exit code, standard error) are skipped.
    /// </summary>
    public bool Add(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var t = line.Trim();
        if (t.Length == 0 || t[0] == '#') return true;
        var f = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ok = f[0] switch
        {
            "W" => TryWrite(f),
            "V" => TryVerify(f),
            "R" => TryRead(f),
            "H" when f.Length >= 3 && f[1] == "sanchaos-ioprobe" => Fields(f, 3, out _header, ("version", f[2])),
            "S" => Fields(f, f.Length > 1 && f[1] == "verify" ? 2 : 1, out _summary),
            _ => false,
        };
        if (!ok) _unparsed.Add(line);
        return ok;
    }

    private bool TryWrite(string[] f)
    {
        if (f.Length < 6 || !Long(f[1], out var seq) || !Long(f[2], out var slot) || !Long(f[3], out var submit) || !Long(f[4], out var complete))
            return false;
        var result = f[5];
        if (result.StartsWith("short:", StringComparison.Ordinal))
        {
            if (!int.TryParse(result.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)) return false;
            _writes.Add(new IoWrite(seq, slot, submit, complete, 0, null, bytes));
            return true;
        }

        if (!int.TryParse(result, NumberStyles.None, CultureInfo.InvariantCulture, out var errno)) return false;
        _writes.Add(new IoWrite(seq, slot, submit, complete, errno, errno == 0 ? null : f.Length > 6 ? f[6] : null, null));
        return true;
    }

    private bool TryVerify(string[] f)
    {
        if (Slot(f, 1) is not { } slot) return false;
        _slots.Add(slot);
        return true;
    }

    private bool TryRead(string[] f)
    {
        IoReadPurpose? purpose = f.Length > 1 ? f[1] switch { "reuse" => IoReadPurpose.Reuse, "sample" => IoReadPurpose.Sample, _ => null } : null;
        if (purpose is null || f.Length < 5 || !Long(f[2], out var after) || !Long(f[3], out var submit) || !Long(f[4], out var complete)
            || Slot(f, 5) is not { } slot)
            return false;
        _reads.Add(new IoRead(purpose.Value, after, submit, complete, slot));
        return true;
    }

    /// <summary>The fields of a V line from <paramref name="at"/> (the slot) on: <c>SLOT SEQ|- STATUS [SECTORS | ERRNO NAME]</c>.</summary>
    private static IoVerifySlot? Slot(string[] line, int at)
    {
        var f = line.AsSpan(at);
        if (f.Length < 3 || !Long(f[0], out var slot)) return null;
        long? seq = Long(f[1], out var s) ? s : null;
        if (seq is null && f[1] != "-") return null;
        IoVerifyStatus status;
        switch (f[2])
        {
            case "ok": status = IoVerifyStatus.Ok; break;
            case "bad": status = IoVerifyStatus.Bad; break;
            case "torn": status = IoVerifyStatus.Torn; break;
            case "empty": status = IoVerifyStatus.Empty; break;
            case "foreign": status = IoVerifyStatus.Foreign; break;
            case "unreadable": status = IoVerifyStatus.Unreadable; break;
            default: return null;
        }

        if (status is IoVerifyStatus.Ok or IoVerifyStatus.Bad && seq is null) return null;
        IReadOnlyList<long?> sectors = [];
        if (status == IoVerifyStatus.Torn)
        {
            if (f.Length < 4) return null;
            var parts = f[3].Split(',');
            var list = new long?[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (Long(parts[i], out var v)) list[i] = v;
                else if (parts[i] != "-") return null;
            }

            sectors = list;
        }

        var errno = status == IoVerifyStatus.Unreadable ? f.Length > 4 ? f[4] : f.Length > 3 ? "errno " + f[3] : null : null;
        return new IoVerifySlot(slot, status, seq, sectors, errno);
    }

    private static bool Fields(string[] f, int from, out Dictionary<string, string> fields, params (string Key, string Value)[] extra)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in extra) fields[k] = v;
        for (var i = from; i < f.Length; i++)
        {
            var eq = f[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            fields[f[i][..eq]] = f[i][(eq + 1)..];
        }

        return true;
    }

    private static bool Long(string s, out long v) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
}
