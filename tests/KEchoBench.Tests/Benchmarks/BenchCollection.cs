using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>Suite runs share process-wide state (the current settings, BenchmarkDotNet's event listener): one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchCollection
{
    public const string Name = "bench suite runs";
}
