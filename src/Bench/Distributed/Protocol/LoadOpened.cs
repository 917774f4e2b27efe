namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>A load agent's generator is ready: connections open (kept-open clients) and the errors opening them.</summary>
internal sealed record LoadOpened(int Established, Dictionary<string, long> ConnectErrors);
