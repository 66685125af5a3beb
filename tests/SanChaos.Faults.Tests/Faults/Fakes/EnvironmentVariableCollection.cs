using Xunit;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>Tests that change environment variables run alone: the variables are process-wide.</summary>
[CollectionDefinition(nameof(EnvironmentVariableTests), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;
