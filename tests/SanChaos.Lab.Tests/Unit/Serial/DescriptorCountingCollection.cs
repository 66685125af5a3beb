using Xunit;

namespace SanChaos.Lab.Tests.Unit.Serial;

/// <summary>Tests that count the process's descriptors: nothing else may run beside them.</summary>
[CollectionDefinition(nameof(SerialRelayDisposeTests), DisableParallelization = true)]
public sealed class DescriptorCountingCollection;
