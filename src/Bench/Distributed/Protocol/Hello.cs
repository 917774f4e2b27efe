namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>The coordinator's first word to an agent: its own version, so that either side can name both in a mismatch.</summary>
internal sealed record Hello(string CoordinatorVersion);
