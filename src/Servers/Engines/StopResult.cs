namespace KEchoBench.Servers.Engines;

/// <summary>How a stop went.</summary>
/// <param name="Elapsed">From the stop request to the last socket released.</param>
/// <param name="WithinDeadline">Every session ended by itself before the deadline.</param>
/// <param name="SessionsInterrupted">Live sessions the stop had to end.</param>
/// <param name="SessionsForced">Sessions still running at the deadline, reset and released by force.</param>
internal sealed record StopResult(TimeSpan Elapsed, bool WithinDeadline, int SessionsInterrupted, int SessionsForced);
