using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SanChaos.Core.Time;
using SanChaos.Inventory.Model;

namespace SanChaos.Inventory.Loading;

/// <summary>Collects errors while reading a YAML tree.</summary>
internal sealed class ErrorSink
{
    public List<InventoryError> Errors { get; } = new();

    public void Add(SourceLocation at, string message, string fix = "") => Errors.Add(new InventoryError(at, message, fix));
}

/// <summary>
/// Reads one YAML mapping: typed getters record an error (with position and a suggestion) instead of
/// throwing, and <see cref="Done"/> reports every key nobody asked for, suggesting the closest known key.
/// </summary>
internal sealed class MapReader
{
    private readonly YMapping _map;
    private readonly ErrorSink _sink;
    private readonly string _what;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private MapReader(YMapping map, ErrorSink sink, string what, bool reportDuplicates = true)
    {
        _map = map;
        _sink = sink;
        _what = what;
        var seen = new Dictionary<string, SourceLocation>();
        foreach (var (k, _) in map.Entries)
        {
            if (!reportDuplicates) break;
            if (seen.TryGetValue(k.Value, out var first))
                sink.Add(k.At, $"'{k.Value}' appears twice in {what} (first at line {first.Line}).",
                    "Keep one of them; a YAML mapping cannot repeat a key.");
            else seen[k.Value] = k.At;
        }
    }

    /// <summary>Where the mapping starts.</summary>
    public SourceLocation At => _map.At;

    /// <summary>Wraps <paramref name="node"/> if it is a mapping; otherwise records an error and returns null.</summary>
    /// <param name="node">The node to read.</param>
    /// <param name="sink">Where errors go.</param>
    /// <param name="what">How errors name this mapping.</param>
    /// <param name="fallback">Location used when the node is missing.</param>
    /// <param name="reportDuplicates">False when the caller reports repeated keys itself, more precisely.</param>
    public static MapReader? Of(YNode? node, ErrorSink sink, string what, SourceLocation fallback, bool reportDuplicates = true)
    {
        if (node is YMapping m) return new MapReader(m, sink, what, reportDuplicates);
        sink.Add(node?.At ?? fallback, $"{what} must be a mapping (key: value lines).",
            node is YScalar { Value: "" } ? "Write its keys indented below it." : $"Found {Describe(node)}.");
        return null;
    }

    /// <summary>The entries (for mappings keyed by names: nodes, networks...). Marks them known.</summary>
    public IEnumerable<KeyValuePair<YScalar, YNode>> Entries()
    {
        foreach (var e in _map.Entries)
        {
            _known.Add(e.Key.Value);
            yield return e;
        }
    }

    /// <summary>The raw node under <paramref name="key"/>, or null. Marks the key known.</summary>
    public YNode? Node(string key)
    {
        _known.Add(key);
        return _map.Entries.FirstOrDefault(e => e.Key.Value == key).Value;
    }

    /// <summary>Location of <paramref name="key"/>'s value, or of the mapping.</summary>
    public SourceLocation LocationOf(string key) => Node(key)?.At ?? _map.At;

    public string? String(string key, bool required = false, string? example = null)
    {
        var n = Node(key);
        if (n is null)
        {
            if (required) Missing(key, example);
            return null;
        }

        if (n is YScalar s && s.Value.Length > 0) return s.Value;
        _sink.Add(n.At, $"'{key}' in {_what} must be a single value.", example is null ? "" : $"Write for example `{key}: {example}`.");
        return null;
    }

    public int? Int(string key, int min, int max, bool required = false, string? example = null)
    {
        var text = String(key, required, example);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        _sink.Add(LocationOf(key), $"'{key}' in {_what} is '{text}', not a whole number from {min} to {max}.",
            $"Write for example `{key}: {example ?? min.ToString(CultureInfo.InvariantCulture)}`.");
        return null;
    }

    public bool? Bool(string key, bool required = false)
    {
        var text = String(key, required, "true");
        if (text is null) return null;
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on": return true;
            case "false" or "no" or "off": return false;
        }

        _sink.Add(LocationOf(key), $"'{key}' in {_what} is '{text}', not true or false.", $"Write `{key}: true` or `{key}: false`.");
        return null;
    }

    public TimeSpan? Duration(string key, bool required = false, string example = "10 s")
    {
        var text = String(key, required, example);
        if (text is null) return null;
        if (Durations.TryParse(text, out var d)) return d;
        _sink.Add(LocationOf(key), $"'{key}' in {_what} is '{text}', not a duration.",
            $"Write {Durations.Forms}; for example `{key}: {example}`.");
        return null;
    }

    public IPAddress? Address(string key, bool required = false, string example = "172.16.1.1")
    {
        var text = String(key, required, example);
        if (text is null) return null;
        if (IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3) return ip;
        _sink.Add(LocationOf(key), $"'{key}' in {_what} is '{text}', not an IPv4 address.", $"Write for example `{key}: {example}`.");
        return null;
    }

    public Cidr? Cidr(string key, bool required = false, string example = "192.168.1.2/24")
    {
        var text = String(key, required, example);
        if (text is null) return null;
        if (Model.Cidr.TryParse(text, out var c)) return c;
        _sink.Add(LocationOf(key), $"'{key}' in {_what} is '{text}', not an address with a prefix length.",
            $"Write for example `{key}: {example}`.");
        return null;
    }

    public TEnum? Enum<TEnum>(string key, IReadOnlyDictionary<string, TEnum> names, bool required = false) where TEnum : struct
    {
        var text = String(key, required, names.Keys.First());
        if (text is null) return null;
        if (names.TryGetValue(text.ToLowerInvariant(), out var v)) return v;
        _sink.Add(LocationOf(key), $"'{key}' in {_what} is '{text}'.", $"Write one of: {string.Join(", ", names.Keys)}.");
        return null;
    }

    public string? Choice(string key, IReadOnlyList<string> allowed, bool required = false)
    {
        var text = String(key, required, allowed[0]);
        if (text is null) return null;
        var v = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        if (v is not null) return v;
        _sink.Add(LocationOf(key), $"'{key}' in {_what} is '{text}'.", $"Write one of: {string.Join(", ", allowed)}.");
        return null;
    }

    public MapReader? Map(string key, bool required = false, bool reportDuplicates = true)
    {
        var n = Node(key);
        if (n is null)
        {
            if (required) Missing(key, null);
            return null;
        }

        return Of(n, _sink, $"'{key}' of {_what}", _map.At, reportDuplicates);
    }

    public IReadOnlyList<YNode>? Sequence(string key, bool required = false, string? example = null)
    {
        var n = Node(key);
        if (n is null)
        {
            if (required) Missing(key, example);
            return null;
        }

        if (n is YSequence s) return s.Items;
        _sink.Add(n.At, $"'{key}' in {_what} must be a list.", example is null ? "" : $"Write for example `{key}: {example}`.");
        return null;
    }

    /// <summary>Reports every key that no getter asked for, with the closest known key as a suggestion.</summary>
    public void Done(params string[] alsoAllowed)
    {
        foreach (var (k, _) in _map.Entries)
        {
            if (_known.Contains(k.Value) || alsoAllowed.Contains(k.Value)) continue;
            var all = _known.Concat(alsoAllowed).ToArray();
            var guess = Closest(k.Value, all);
            _sink.Add(k.At, $"Unknown key '{k.Value}' in {_what}.",
                guess is not null ? $"Did you mean '{guess}'?" : $"Allowed keys: {string.Join(", ", all.Order())}.");
        }
    }

    private void Missing(string key, string? example) =>
        _sink.Add(_map.At, $"{_what} has no '{key}'.", example is null ? $"Add `{key}:`." : $"Add `{key}: {example}`.");

    internal static string Describe(YNode? n) => n switch
    {
        null => "nothing",
        YScalar s => $"the value '{s.Value}'",
        YSequence => "a list",
        _ => "a mapping",
    };

    internal static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestD = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Levenshtein(word.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestD) (best, bestD) = (c, d);
        }

        return bestD <= Math.Max(2, word.Length / 3) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var prev = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var cur = new int[b.Length + 1];
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            prev = cur;
        }

        return prev[b.Length];
    }
}
