namespace SanChaos.Gherkin.Model;

/// <summary>A step's data table. The first row is the header.</summary>
public sealed class DataTable
{
    /// <summary>Creates a table from its rows (header first).</summary>
    public DataTable(IReadOnlyList<IReadOnlyList<string>> rows) => Raw = rows;

    /// <summary>All rows, header included.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Raw { get; }

    /// <summary>The header row (empty when the table is empty).</summary>
    public IReadOnlyList<string> Header => Raw.Count > 0 ? Raw[0] : [];

    /// <summary>The rows after the header, each as column name → value.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows =>
        Raw.Skip(1).Select(r => (IReadOnlyDictionary<string, string>)Header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToArray();

    /// <summary>A two-column table read as key → value (no header).</summary>
    public IReadOnlyDictionary<string, string> AsKeyValues() => Raw.Where(r => r.Count >= 2).ToDictionary(r => r[0], r => r[1]);
}
