using System.Net;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.RunEnvironment;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// Capacity steps through the load generator's open loop (<see cref="LoadMode.Rate"/>): latency
/// from each request's scheduled time, so a server that falls behind is charged for every request
/// it delayed (coordinated omission corrected). The connections are opened once and carry every
/// step, the rate changing between rounds, as a server in service keeps its clients; after a step
/// in which any request failed (a failed request ends its connection) they are opened afresh. Each
/// opening is followed by an unmeasured warm-up at the step's rate.
/// </summary>
internal sealed class LoadStepRunner(IPEndPoint target, int connections, int? serverPid, CapacitySettings settings) : ICapacityStepRunner, IDisposable
{
    private LoadSession? _session;
    private int _round;

    public async Task<CapacityStep> RunStepAsync(double offeredRate, string phase, CancellationToken cancellation)
    {
        var (openErrors, openErrorKinds) = _session is null ? await OpenAsync(offeredRate, cancellation).ConfigureAwait(false) : (0, []);
        var round = await _session!.RunRoundAsync(_round++, 0, settings.StepDurationAt(offeredRate), offeredRate, cancellation).ConfigureAwait(false);
        var figures = round.ToIterationResult();
        if (round.ErrorCount > 0 || round.ClientsFailed > 0 || openErrors > 0)
        {
            _session.Dispose();
            _session = null;
        }

        return Step(phase, offeredRate, round, figures, openErrors, openErrorKinds);
    }

    /// <summary>
    /// Opens the connections (after making room for their files) and warms them up unmeasured at
    /// <paramref name="offeredRate"/>; the connections that could not be opened, in all and by kind.
    /// </summary>
    private async Task<(long Errors, Dictionary<string, long> Kinds)> OpenAsync(double offeredRate, CancellationToken cancellation)
    {
        if (OpenFileLimit.EnsureAtLeast(connections + 64) is { } limitProblem)
        {
            throw new InvalidOperationException(limitProblem);
        }

        var loadSettings = new LoadSettings
        {
            Target = target,
            Mode = LoadMode.Rate,
            Clients = connections,
            Rate = offeredRate,
            Duration = settings.StepDuration,
            Timeout = settings.Timeout,
            ServerPid = serverPid,
            Size = LoadSettings.DefaultSize,
        };
        _session = await LoadSession.OpenAsync(loadSettings, cancellation).ConfigureAwait(false);
        long openErrors = 0;
        var openErrorKinds = new Dictionary<string, long>();
        foreach (var (kind, count) in _session.ConnectErrors)
        {
            openErrors += count;
            openErrorKinds[LoadErrorNames.Of(kind)] = count;
        }

        await _session.RunRoundAsync(-1, 0, settings.WarmupDuration, offeredRate, cancellation).ConfigureAwait(false);
        return (openErrors, openErrorKinds);
    }

    /// <summary>The step's figures: the round's, with the connections that could not be opened counted as errors.</summary>
    private static CapacityStep Step(string phase, double offeredRate, LoadRound round, IterationResult figures, long openErrors, Dictionary<string, long> openErrorKinds)
    {
        var kinds = new Dictionary<string, long>(openErrorKinds);
        foreach (var (kind, count) in round.ToOutcome().ErrorsByKind)
        {
            kinds[kind] = kinds.GetValueOrDefault(kind) + count;
        }

        return new CapacityStep
        {
            Phase = phase,
            OfferedRate = offeredRate,
            DeliveredRate = figures.RequestsPerSecond,
            Seconds = figures.Seconds,
            Requests = figures.Requests,
            // A connection the server never accepted, or one that died in an earlier round and got nothing in this one, failed too.
            Errors = figures.Errors + openErrors + (figures.Errors == 0 ? round.ClientsFailed : 0),
            ErrorsByKind = kinds,
            Latency = figures.Latency,
            ServerCpuPercent = figures.ServerCpuPercent,
            ClientCpuPercent = figures.ClientCpuPercent,
        };
    }

    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
    }
}
