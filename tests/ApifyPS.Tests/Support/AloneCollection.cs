using Xunit;

namespace ApifyPS.Tests.Support;

/// <summary>Tests that measure this process's heap, so nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
