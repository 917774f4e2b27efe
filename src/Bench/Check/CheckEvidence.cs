namespace KEchoBench.Bench.Check;

/// <summary>
/// Where the echo first differs from what was sent, with a short hex dump of both around that
/// offset (<see cref="Start"/> is the offset of the dumps' first byte).
/// </summary>
internal sealed record CheckEvidence(long Offset, long Start, string Expected, string Received);
