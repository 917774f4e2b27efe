namespace KEchoBench.Bench.Gate;

/// <summary>Where round pairs come from: fresh base and head servers for every call (a restart), or synthetic pairs in tests.</summary>
internal interface IPairSource
{
    /// <summary>Starts both servers afresh, runs one pair per entry of <paramref name="headFirst"/> in that order, and stops them.</summary>
    Task<IReadOnlyList<RoundPair>> RunRestartAsync(int restart, int firstIndex, IReadOnlyList<bool> headFirst, CancellationToken cancellation);
}
