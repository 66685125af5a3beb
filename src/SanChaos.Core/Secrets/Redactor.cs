using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SanChaos.Core.Secrets;

/// <summary>
/// Keeps secrets out of everything SanChaos shows or writes. Every secret the harness resolves registers its value here
/// (<c>SecretRef.Resolve</c>: PDU passwords, Heartbeat's <c>authkeys</c> key, CHAP passwords; the embedded lab's derived
/// Heartbeat key), and the writers of what people read pass their text through <see cref="Redact(string)"/>: error
/// messages (<see cref="Errors.SanChaosException"/>, the CLI's error lines), lab and drill progress lines, provisioning
/// step events and the command lines they echo, history events and history files, and the scenario records
/// (<c>scenarios.jsonl</c>).
/// </summary>
/// <remarks>
/// A registered value is replaced by <see cref="Mask"/> wherever it appears, as written and as JSON escapes it (so a
/// secret with quotes or backslashes is masked in JSON Lines too). The registry lives as long as the process; values
/// shorter than <see cref="MinimumLength"/> characters are not registered (masking them would garble every line they
/// happen to appear in; such a secret protects nothing anyway).
/// </remarks>
public static class Redactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The shortest value that is registered: 4 characters.</summary>
    public const int MinimumLength = 4;

    private static readonly object Gate = new();

    // Longest first, so that a secret containing another is masked whole. Replaced, never mutated: readers take no lock.
    private static string[] _forms = [];

    /// <summary>Registers <paramref name="secret"/> (and its JSON-escaped form) for masking from now on; idempotent.</summary>
    /// <param name="secret">The secret's value; null, blank or shorter than <see cref="MinimumLength"/> is ignored.</param>
    public static void Register(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < MinimumLength) return;
        var json = JsonEncodedText.Encode(secret).ToString();
        lock (Gate)
        {
            var forms = new HashSet<string>(_forms, StringComparer.Ordinal) { secret, json };
            _forms = forms.OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary><paramref name="text"/> with every registered secret replaced by <see cref="Mask"/>; null stays null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var form in Volatile.Read(ref _forms))
            if (text.Contains(form, StringComparison.Ordinal)) text = text.Replace(form, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// <paramref name="data"/> with every value redacted (keys are names, never secrets): itself when no value holds a
    /// secret (history events are many; most carry none), else a copy.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RedactValues(IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var forms = Volatile.Read(ref _forms);
        if (!data.Values.Any(v => v is not null && forms.Any(f => v.Contains(f, StringComparison.Ordinal)))) return data;
        return data.ToDictionary(kv => kv.Key, kv => Redact(kv.Value), StringComparer.Ordinal);
    }

    /// <summary>A writer of lines that redacts each line before <paramref name="write"/> sees it (progress callbacks).</summary>
    [return: NotNullIfNotNull(nameof(write))]
    public static Action<string>? Wrap(Action<string>? write) => write is null ? null : line => write(Redact(line));
}
