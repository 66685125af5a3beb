using SanChaos.Config.Parsing;

namespace SanChaos.Config.Multipath;

/// <summary>The value multipathd uses for an attribute, and the section it comes from.</summary>
/// <param name="Entry">The statement that wins.</param>
/// <param name="Section"><c>multipaths (wwid ...)</c>, <c>overrides</c>, <c>devices (vendor ...)</c> or <c>defaults</c>.</param>
public sealed record MultipathSetting(ConfigEntry Entry, string Section)
{
    /// <summary><c>node/file:line key value (section)</c>.</summary>
    public string Cite => $"{Entry.Cite} ({Section})";
}
