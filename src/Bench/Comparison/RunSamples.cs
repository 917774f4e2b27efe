namespace KEchoBench.Bench.Comparison;

/// <summary>Every case of one side of a comparison (a results folder or a BenchmarkDotNet export).</summary>
public sealed record RunSamples
{
    /// <summary>Where it was read from, for messages.</summary>
    public required string Source { get; init; }

    /// <summary>"kechobench" or "BenchmarkDotNet".</summary>
    public required string Format { get; init; }

    public IReadOnlyList<CaseSamples> Cases { get; init; } = [];
}
