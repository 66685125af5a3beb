using Xunit;
namespace SanChaos.Lab.Tests.Uml;

/// <summary>
/// The "lab" collection: every test that runs the embedded lab belongs to it, so no two run at once (one lab per
/// machine; the nodes need the CPU). Test classes join it with <c>[Collection(LabCollection.Name)]</c>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "lab";
}
