using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Distributed;

/// <summary>One round over the load agents: the merged round, each agent's own figures, and the server's peaks read on its host.</summary>
internal sealed record DistributedRound(LoadRound Merged, IReadOnlyList<AgentFigures> Agents, ServerWindow? ServerWindow);
