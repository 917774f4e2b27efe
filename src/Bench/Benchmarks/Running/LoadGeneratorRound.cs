using KEchoBench.Bench.Load;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>One load round made by <c>kechobench load</c>'s generator: the same code, the same validation of every echo.</summary>
internal sealed class LoadGeneratorRound : ILoadRound
{
    public async Task<RoundOutcome> RunAsync(RoundShape shape, CancellationToken cancellation)
    {
        var settings = new LoadSettings
        {
            Target = shape.Target,
            Mode = shape.Mode switch
            {
                RoundMode.Burst => LoadMode.Burst,
                RoundMode.Rate => LoadMode.Rate,
                _ => LoadMode.Closed,
            },
            Clients = shape.Clients,
            Requests = Math.Max(1, shape.Requests),
            Duration = shape.Mode == RoundMode.Rate ? shape.Duration : null,
            Rate = shape.Rate,
            Size = shape.PayloadSize,
            Payload = shape.Payload,
            KeepOpen = shape.KeepOpen && shape.Mode == RoundMode.Closed,
            Rounds = 1,
            Timeout = shape.Timeout,
            ServerPid = shape.ServerPid,
            MinRoundDuration = shape.Mode == RoundMode.Closed && !shape.KeepOpen ? shape.MinRoundDuration : null,
        };

        var report = await LoadGenerator.RunAsync(settings, progress: null, cancellation).ConfigureAwait(false);
        var round = report.Rounds.Count > 0 ? report.Rounds[0] : null;
        return new RoundOutcome
        {
            LatencyNs = report.Latency,
            ConnectNs = report.Connect,
            UncorrectedNs = report.Uncorrected,
            Requests = report.Requests,
            ClientsServed = report.ClientsServed,
            ClientsFailed = report.ClientsFailed,
            Repeats = round?.Repeats ?? 0,
            Errors = report.ErrorCount,
            ErrorsByKind = report.ErrorsByName,
            Elapsed = round?.Elapsed ?? TimeSpan.Zero,
            ClientCpu = report.ClientCpu,
            ServerCpu = round?.ServerBefore is { } before && round.ServerAfter is { } after ? after.CpuTime - before.CpuTime : null,
            ServerCpuStep = round?.ServerCpuStep ?? KEchoBench.Bench.Results.CpuFigureRule.CpuClockStep,
            ServerCpuClock = round?.ServerCpuClock ?? "the server's CPU clock",
            ServerCpuAbsent = round is null ? "no round ran" : round.ServerCpuAbsent,
            PerConnectionUs = report.PerConnectionUs,
        };
    }
}
