using HdrHistogram;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Load;

/// <summary>
/// Everything a load run measured: the measured rounds, and their union (counts summed,
/// histograms merged without loss), with its iteration figures from <see cref="IterationBuilder"/>.
/// </summary>
internal sealed class LoadReport
{
    private readonly IterationBuilder _figures = new(ServerUnknown);

    public LoadReport(LoadSettings settings, int connectionsEstablished, IReadOnlyDictionary<LoadErrorKind, long> connectErrors, IReadOnlyList<LoadRound> rounds)
    {
        Settings = settings;
        ConnectionsEstablished = connectionsEstablished;
        Rounds = rounds;
        foreach (var round in rounds)
        {
            _figures.Add(round.ToOutcome(), round.ServerWindow);
        }

        _figures.AddErrorsOutsideRounds(connectErrors.Values.Sum());
        var errors = new Dictionary<LoadErrorKind, long>(connectErrors);
        foreach (var round in rounds)
        {
            foreach (var (kind, count) in round.Errors)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }
        }

        Errors = errors;
        Latency = _figures.Latency;
        Uncorrected = settings.Mode == LoadMode.Rate ? _figures.Uncorrected ?? HistogramFigures.NewHistogram() : null;
        Connect = settings.HangsUp ? _figures.Connect ?? HistogramFigures.NewHistogram() : null;
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

    /// <summary>The union of all measured rounds as one iteration result (<see cref="IterationBuilder"/>), the connect phase's errors included.</summary>
    public IterationResult Overall() => _figures.Overall();

    /// <summary>One iteration result per measured round.</summary>
    public IReadOnlyList<IterationResult> Iterations() => _figures.Iterations;

    public IReadOnlyList<PercentilePoint> Spectrum() => _figures.Spectrum();

    /// <summary>Why there is no server figure at all.</summary>
    public const string ServerUnknown = "the server's process is not known (give --server-pid, or --spawn)";
}
