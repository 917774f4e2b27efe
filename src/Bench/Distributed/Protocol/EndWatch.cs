namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Coordinator to server agent: the round has ended; answer <see cref="ServerFigures"/>.</summary>
internal sealed record EndWatch;
