using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>One load round made by <c>kechobench load</c>'s generator: the same code, the same validation of every echo.</summary>
internal sealed class LoadGeneratorRound : ILoadRound
{
    public async Task<RoundOutcome> RunAsync(RoundShape shape, CancellationToken cancellation)
    {
        var report = await LoadGenerator.RunAsync(Settings(shape), progress: null, cancellation).ConfigureAwait(false);
        // One round was asked for; its connect-phase errors (kept-open connections) count in it.
        return report.Rounds.Count == 0
            ? new RoundOutcome { LatencyNs = report.Latency, Errors = report.ErrorCount, ErrorsByKind = report.ErrorsByName, ServerCpuAbsent = "no round ran" }
            : report.Rounds[0].ToOutcome() with { Errors = report.ErrorCount, ErrorsByKind = report.ErrorsByName };
    }

    /// <summary>The generator's settings for one round of this shape (one measured round, no warm-up).</summary>
    public static LoadSettings Settings(RoundShape shape) => new LoadSettings
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
            WatchThreads = shape.Attribution,
            MinRoundDuration = shape.Mode == RoundMode.Closed && !shape.KeepOpen ? shape.MinRoundDuration : null,
        };
}
