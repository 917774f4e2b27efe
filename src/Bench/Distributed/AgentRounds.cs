using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// A round between hosts: an agent's <see cref="LoadRound"/> as a message, and the agents' rounds
/// merged back into one: counts and errors summed, histograms added (so the p99 is the p99 of
/// every request), the burst's per-client figures side by side, the round's time the longest
/// agent's, the client CPU the sum of the agents'.
/// </summary>
internal static class AgentRounds
{
    public static AgentRound From(LoadRound round, int established) => new(
        round.Index,
        round.Started,
        round.Requests,
        round.Errors.ToDictionary(e => LoadErrorNames.Of(e.Key), e => e.Value),
        round.Elapsed.Ticks,
        HistogramTransport.Encode(round.Latency),
        round.Uncorrected is { } u ? HistogramTransport.Encode(u) : null,
        round.Connect is { } c ? HistogramTransport.Encode(c) : null,
        round.BurstEchoNs,
        round.BurstEchoCounts,
        round.ClientsServed,
        round.ClientsFailed,
        round.Repeats,
        round.ClientCpu.Ticks,
        established,
        round.Cancelled);

    /// <summary>The agents' rounds (in agent order) as one round, with the server's figures read on its host.</summary>
    public static LoadRound Merge(IReadOnlyList<AgentRound> rounds, ServerFigures? server)
    {
        var errors = new Dictionary<LoadErrorKind, long>();
        foreach (var round in rounds)
        {
            foreach (var (name, count) in round.Errors)
            {
                foreach (var kind in LoadErrorNames.All.Where(k => LoadErrorNames.Of(k) == name))
                {
                    errors[kind] = errors.GetValueOrDefault(kind) + count;
                }
            }
        }

        bool burst = rounds.All(r => r.BurstEchoNs is not null);
        return new LoadRound
        {
            Index = rounds[0].Index,
            Started = rounds.Min(r => r.Started),
            Requests = rounds.Sum(r => r.Requests),
            Errors = errors,
            Elapsed = TimeSpan.FromTicks(rounds.Max(r => r.ElapsedTicks)),
            Latency = HistogramTransport.Merge(rounds.Select(r => r.Latency)),
            Uncorrected = rounds.All(r => r.Uncorrected is not null) ? HistogramTransport.Merge(rounds.Select(r => r.Uncorrected!)) : null,
            Connect = rounds.All(r => r.Connect is not null) ? HistogramTransport.Merge(rounds.Select(r => r.Connect!)) : null,
            BurstEchoNs = burst ? [.. rounds.SelectMany(r => r.BurstEchoNs!)] : null,
            BurstEchoCounts = burst ? [.. rounds.SelectMany(r => r.BurstEchoCounts!)] : null,
            ClientsServed = rounds.Sum(r => r.ClientsServed),
            ClientsFailed = rounds.Sum(r => r.ClientsFailed),
            Repeats = rounds.Max(r => r.Repeats),
            ClientCpu = TimeSpan.FromTicks(rounds.Sum(r => r.ClientCpuTicks)),
            ServerBefore = server is { CpuBeforeTicks: { } before } ? new ProcessSample(TimeSpan.FromTicks(before), server.PeakThreads, server.PeakRssBytes, 0, server.PreciseCpu) : null,
            ServerAfter = server is { CpuAfterTicks: { } after } ? new ProcessSample(TimeSpan.FromTicks(after), server.PeakThreads, server.PeakRssBytes, server.WatchedTicks * 100, server.PreciseCpu) : null,
            Cancelled = rounds.Any(r => r.Cancelled),
        };
    }
}
