namespace KEchoBench.Bench.Comparison;

/// <summary>Every case of one side of a comparison (a results folder or a BenchmarkDotNet export).</summary>
internal sealed record RunSamples
{
    /// <summary>Where it was read from, for messages.</summary>
    public required string Source { get; init; }

    /// <summary>"kechobench" or "BenchmarkDotNet".</summary>
    public required string Format { get; init; }

    public IReadOnlyList<CaseSamples> Cases { get; init; } = [];

    /// <summary>
    /// Work injected into engines on purpose (<c>bench --inject-work</c>), as <c>engine=work</c>:
    /// such a run is slowed by design, and every comparison with it says so.
    /// </summary>
    public IReadOnlyList<string> InjectedWork { get; init; } = [];
}
