using HdrHistogram;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Load;

/// <summary>
/// Everything a load run measured: the measured rounds, and their union (counts summed,
/// histograms merged without loss). Turns itself into the results model's shapes.
/// </summary>
internal sealed class LoadReport
{
    public LoadReport(LoadSettings settings, int connectionsEstablished, IReadOnlyDictionary<LoadErrorKind, long> connectErrors, IReadOnlyList<LoadRound> rounds)
    {
        Settings = settings;
        ConnectionsEstablished = connectionsEstablished;
        Rounds = rounds;
        Latency = HistogramFigures.NewHistogram();
        foreach (var round in rounds)
        {
            Latency.Add(round.Latency);
        }

        if (settings.Mode == LoadMode.Rate)
        {
            Uncorrected = HistogramFigures.NewHistogram();
            foreach (var round in rounds)
            {
                Uncorrected.Add(round.Uncorrected!);
            }
        }

        if (settings.HangsUp)
        {
            Connect = HistogramFigures.NewHistogram();
            foreach (var round in rounds)
            {
                Connect.Add(round.Connect!);
            }
        }

        var errors = new Dictionary<LoadErrorKind, long>(connectErrors);
        foreach (var round in rounds)
        {
            foreach (var (kind, count) in round.Errors)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }
        }

        Errors = errors;
    }

    public LoadSettings Settings { get; }

    public int ConnectionsRequested => Settings.Clients;

    public int ConnectionsEstablished { get; }

    public IReadOnlyList<LoadRound> Rounds { get; }

    /// <summary>All measured round trips (ns); open loop: from the scheduled time.</summary>
    public LongHistogram Latency { get; }

    /// <summary>Open loop: from the actual send (ns).</summary>
    public LongHistogram? Uncorrected { get; }

    /// <summary>Connect times (ns) of the connections the rounds opened (clients that hang up, burst); null when kept open.</summary>
    public LongHistogram? Connect { get; }

    /// <summary>Errors by kind, the connect phase included.</summary>
    public IReadOnlyDictionary<LoadErrorKind, long> Errors { get; }

    public long ErrorCount => Errors.Values.Sum();

    public bool HasErrors => ErrorCount > 0;

    /// <summary>Nothing could connect at all: the target is not there.</summary>
    public bool Unreachable => ConnectionsEstablished == 0 && Requests == 0;

    public bool Cancelled => Rounds.Any(r => r.Cancelled);

    public long Requests => Rounds.Sum(r => r.Requests);

    public TimeSpan Elapsed => TimeSpan.FromTicks(Rounds.Sum(r => r.Elapsed.Ticks));

    public TimeSpan ClientCpu => TimeSpan.FromTicks(Rounds.Sum(r => r.ClientCpu.Ticks));

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>Error counts under their stable names.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByName =>
        Errors.Where(e => e.Value > 0).ToDictionary(e => LoadErrorNames.Of(e.Key), e => e.Value);

    /// <summary>The server's figures over all measured rounds (null when its process is unknown).</summary>
    public ServerFigures? Server
    {
        get
        {
            var first = Rounds.Count > 0 ? Rounds[0].ServerBefore : null;
            var last = Rounds.Count > 0 ? Rounds[^1].ServerAfter : null;
            if (first is null || last is null)
            {
                return null;
            }

            // Only the measured windows count: sum the CPU of each round rather than the span from first to last.
            double cpuUs = Rounds.Sum(r => r.ServerBefore is { } b && r.ServerAfter is { } a ? (a.CpuTime - b.CpuTime).TotalMicroseconds : 0);
            double windowUs = Rounds.Sum(r => r.ServerBefore is { } b && r.ServerAfter is { } a ? (a.TakenAtNs - b.TakenAtNs) / 1000.0 : 0);
            return new ServerFigures(
                windowUs > 0 ? 100.0 * cpuUs / windowUs : 0,
                Requests > 0 ? cpuUs / Requests : 0,
                last.Threads,
                last.RssBytes);
        }
    }

    /// <summary>Burst: the mean send-to-echo time of each connection slot over the rounds, µs (kecho's <c>index time_us</c>); NaN for a slot that never got an echo.</summary>
    public IReadOnlyList<double> PerConnectionUs
    {
        get
        {
            if (Settings.Mode != LoadMode.Burst)
            {
                return [];
            }

            var averages = new double[Settings.Clients];
            for (int g = 0; g < averages.Length; g++)
            {
                long ns = Rounds.Sum(r => r.BurstEchoNs![g]);
                long count = Rounds.Sum(r => (long)r.BurstEchoCounts![g]);
                averages[g] = count > 0 ? ns / 1000.0 / count : double.NaN;
            }

            return averages;
        }
    }

    /// <summary>Clients served in full, and clients that failed, summed over the measured rounds (a client counts once per round).</summary>
    public int ClientsServed => Rounds.Sum(r => r.ClientsServed);

    public int ClientsFailed => Rounds.Sum(r => r.ClientsFailed);

    /// <summary>The union of all measured rounds as one iteration result.</summary>
    public IterationResult Overall() =>
        Iteration(Requests, ErrorCount, Elapsed, Latency, ClientCpu, Server, OverallCpuAbsent) with
        {
            Connect = Connect is null ? null : HistogramFigures.Summarize(Connect),
            UncorrectedLatency = Uncorrected is null ? null : HistogramFigures.Summarize(Uncorrected),
            ClientsServed = ClientsServed,
            ClientsFailed = ClientsFailed,
            Repeats = Rounds.Sum(r => r.Repeats),
        };

    /// <summary>One iteration result per measured round.</summary>
    public IReadOnlyList<IterationResult> Iterations() =>
        Rounds.Select(r => r.ToIterationResult()).ToList();

    public IReadOnlyList<PercentilePoint> Spectrum() => HistogramFigures.Spectrum(Latency);

    /// <summary>Why the figure over all rounds is absent: a round without readings, or rounds too short together (<see cref="CpuFigureRule"/>).</summary>
    private string? OverallCpuAbsent =>
        Rounds.Count == 0 || Rounds.Any(r => r.ServerBefore is null || r.ServerAfter is null)
            ? ServerUnknown
            : CpuFigureRule.WhyAbsent(
                TimeSpan.FromTicks(Rounds.Sum(r => (r.ServerAfter!.TakenAtNs - r.ServerBefore!.TakenAtNs) / 100)),
                Rounds.Count,
                Rounds.Max(r => r.ServerCpuStep),
                Rounds.Any(r => r.ServerCpuStep > CpuFigureRule.CpuClockStep) ? "/proc's CPU clock" : "the server's CPU clock");

    /// <summary>Why there is no server figure at all.</summary>
    public const string ServerUnknown = "the server's process is not known (give --server-pid, or --spawn)";

    /// <summary>
    /// One iteration's figures. The server's CPU is left out, with <paramref name="cpuAbsent"/> as
    /// the reason, when the rounds were too short for its clock (<see cref="CpuFigureRule"/>).
    /// </summary>
    public static IterationResult Iteration(long requests, long errors, TimeSpan elapsed, HistogramBase latency, TimeSpan clientCpu, ServerFigures? server, string? cpuAbsent)
    {
        double seconds = elapsed.TotalSeconds;
        bool cpu = server is not null && cpuAbsent is null;
        return new IterationResult
        {
            Requests = requests,
            Errors = errors,
            Seconds = seconds,
            RequestsPerSecond = seconds > 0 ? requests / seconds : 0,
            Latency = HistogramFigures.Summarize(latency),
            ClientCpuPercent = seconds > 0 ? 100.0 * clientCpu.TotalSeconds / seconds : 0,
            ClientCpuUsPerRequest = requests > 0 ? clientCpu.TotalMicroseconds / requests : 0,
            ServerCpuPercent = cpu ? server!.CpuPercent : null,
            ServerCpuUsPerRequest = cpu && requests > 0 ? server!.CpuUsPerRequest : null,
            ServerCpuAbsent = cpu ? null : cpuAbsent ?? ServerUnknown,
            ServerThreads = server?.Threads,
            ServerRssBytes = server?.RssBytes,
        };
    }
}
