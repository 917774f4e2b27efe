namespace KEchoBench.Bench.Load;

/// <summary>
/// What runs a load experiment's rounds: the generator's own <see cref="LoadSession"/> on this
/// host, or a load split over the load agents of a cluster. <see cref="LoadGenerator"/> runs the
/// warm-up and the measured rounds on either, the same way.
/// </summary>
internal interface IRoundRunner
{
    LoadSettings Settings { get; }

    /// <summary>Connections open (kept open), or the most any round established (clients that hang up).</summary>
    int ConnectionsEstablished { get; }

    /// <summary>Errors while opening kept-open connections, before any round.</summary>
    IReadOnlyDictionary<Results.LoadErrorKind, long> ConnectErrors { get; }

    /// <summary>Round trips verified so far (for progress displays; 0 when not known while a round runs).</summary>
    long Completed { get; }

    /// <summary>Errors in the round under way (approximate, for progress displays).</summary>
    long ErrorsInRound { get; }

    Task<LoadRound> RunRoundAsync(int index, long requests, TimeSpan? duration, CancellationToken cancellation = default);
}
