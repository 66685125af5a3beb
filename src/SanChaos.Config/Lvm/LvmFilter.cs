using SanChaos.Config.Parsing;

namespace SanChaos.Config.Lvm;

/// <summary>
/// An lvm.conf <c>devices/filter</c> or <c>devices/global_filter</c>. For each name of a device the first pattern that
/// matches decides; the device is accepted when any of its names is accepted, rejected when none is and some name is
/// rejected, and accepted when no name matches any pattern (lvm.conf(5)).
/// </summary>
/// <param name="Entry">The statement.</param>
/// <param name="Patterns">Its elements in order.</param>
public sealed record LvmFilter(ConfigEntry Entry, IReadOnlyList<LvmPattern> Patterns)
{
    /// <summary>The decision for one name: true accepted, false rejected, null when no pattern matches it.</summary>
    public bool? Decide(string name) => Patterns.FirstOrDefault(p => p.Regex?.IsMatch(name) == true)?.Accept;

    /// <summary>Whether LVM uses a device known by <paramref name="names"/> (its kernel name and its aliases).</summary>
    public bool Accepts(IEnumerable<string> names)
    {
        var decisions = names.Select(Decide).ToArray();
        return decisions.Any(d => d == true) || !decisions.Any(d => d == false);
    }
}
