namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>The answer to a <see cref="Challenge"/>: the nonce and its proof (<see cref="ClusterSecret.Prove"/>).</summary>
internal sealed record ChallengeAnswer(string Nonce, string Proof);
