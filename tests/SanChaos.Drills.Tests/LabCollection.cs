using Xunit;

namespace SanChaos.Drills.Tests;

/// <summary>Everything that drives the lab runs in this one collection, one test at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollection
{
    public const string Name = "lab";
}
