using SanChaos.Config.Parsing;

namespace SanChaos.Config.Iscsi;

/// <summary>One line of <c>iscsiadm -m node</c>: <c>portal,tpgt target</c>.</summary>
/// <param name="Portal">address:port.</param>
/// <param name="Tpgt">The target portal group tag as recorded (-1 is printed as 4294967295).</param>
/// <param name="Target">The target IQN.</param>
/// <param name="Location">The line.</param>
public sealed record IscsiNodeEntry(string Portal, string Tpgt, string Target, ConfigLocation Location)
{
    /// <summary>Reads <c>iscsiadm -m node</c> output.</summary>
    public static IReadOnlyList<IscsiNodeEntry> ParseAll(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        var result = new List<IscsiNodeEntry>();
        foreach (var (number, content) in TextLines.Significant(file.Text))
        {
            var words = TextLines.Words(content);
            var comma = words[0].LastIndexOf(',');
            if (words.Length != 2 || comma < 0)
            {
                diagnostics.Add(new ConfigDiagnostic(file.At(number), Severity.Error, $"'{content}' is not a node line", "'address:port,tpgt iqn' as `iscsiadm -m node` prints it"));
                continue;
            }

            result.Add(new IscsiNodeEntry(words[0][..comma], words[0][(comma + 1)..], words[1], file.At(number)));
        }

        return result;
    }
}
