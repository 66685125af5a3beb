using System.Text;
using System.Text.Json.Serialization;
using SanChaos.Core.Errors;

namespace SanChaos.Faults;

/// <summary>
/// What a fault is, as data: its kind (<see cref="FaultKinds"/>) and string parameters. Serializable (the
/// <see cref="FaultJournal"/> stores it) so that a later process can rebuild the fault with
/// <see cref="Catalog.FaultCatalog.Rebuild"/> and heal what a killed run left behind. Two descriptors are equal when
/// kind and parameters are; a <see cref="FaultSet"/> refuses a second injection of an equal descriptor.
/// </summary>
public sealed class FaultDescriptor : IEquatable<FaultDescriptor>
{
    private readonly SortedDictionary<string, string> _parameters;

    /// <summary>Creates a descriptor.</summary>
    /// <param name="kind">The fault kind, e.g. <see cref="FaultKinds.PowerOffNode"/>; not empty.</param>
    /// <param name="parameters">Its parameters (e.g. <c>node</c> → <c>otter</c>); default none. Names must not be empty.</param>
    [JsonConstructor]
    public FaultDescriptor(string kind, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        Kind = kind;
        _parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in parameters ?? new Dictionary<string, string>())
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(k, nameof(parameters));
            ArgumentNullException.ThrowIfNull(v, nameof(parameters));
            _parameters[k] = v;
        }
    }

    /// <summary>The fault kind (<see cref="FaultKinds"/>).</summary>
    public string Kind { get; }

    /// <summary>The parameters, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    /// <summary>A copy with parameter <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public FaultDescriptor With(string name, string value) =>
        new(Kind, new Dictionary<string, string>(_parameters, StringComparer.Ordinal) { [name] = value });

    /// <summary>The parameter <paramref name="name"/>, or null.</summary>
    public string? Get(string name) => _parameters.GetValueOrDefault(name);

    /// <summary>The parameter <paramref name="name"/>; throws naming the descriptor when it is missing.</summary>
    /// <exception cref="SanChaosException">The parameter is missing.</exception>
    public string Require(string name) => _parameters.TryGetValue(name, out var v)
        ? v
        : throw new SanChaosException($"The fault descriptor {this} has no parameter '{name}'.",
            "The journal or the code that wrote it is from another SanChaos version: heal the fault by hand, then delete the journal entry.");

    /// <inheritdoc />
    public bool Equals(FaultDescriptor? other) =>
        other is not null && Kind == other.Kind && _parameters.Count == other._parameters.Count &&
        _parameters.All(p => other._parameters.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FaultDescriptor);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Kind, StringComparer.Ordinal);
        foreach (var (k, v) in _parameters)
        {
            h.Add(k, StringComparer.Ordinal);
            h.Add(v, StringComparer.Ordinal);
        }

        return h.ToHashCode();
    }

    /// <summary><c>kind(name=value, ...)</c>, e.g. <c>power-off-node(node=otter)</c>.</summary>
    public override string ToString()
    {
        var b = new StringBuilder(Kind);
        if (_parameters.Count == 0) return b.ToString();
        b.Append('(').AppendJoin(", ", _parameters.Select(p => $"{p.Key}={p.Value}")).Append(')');
        return b.ToString();
    }
}
