namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Sent by a node's gate to a member that has just come up: prove that you hold the cluster's secret.</summary>
internal sealed record Challenge(string Nonce);
