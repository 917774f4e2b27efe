namespace KEchoBench.Bench.Results;

/// <summary>
/// One load agent's own figures over the measured rounds of a distributed run: its share of the
/// clients, the requests it completed, its errors by kind, and its CPU (% of one core over the
/// rounds' time). <see cref="Overloaded"/>: the generator was busy nearly all the time on every core
/// its event loops could use, so the load it offered was its own limit, not the server's.
/// </summary>
internal sealed record AgentFigures
{
    /// <summary>A generator whose CPU reaches this share of the cores its loops can use is saturated.</summary>
    public const double OverloadedShare = 0.9;

    public required string Host { get; init; }

    public required string Address { get; init; }

    public int Cores { get; init; }

    public int Clients { get; init; }

    /// <summary>Event-loop threads the agent's generator ran.</summary>
    public int Threads { get; init; }

    public long Requests { get; init; }

    public long Errors { get; init; }

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    public double Seconds { get; init; }

    public double ClientCpuPercent { get; init; }

    public bool Overloaded { get; init; }

    /// <summary>Sums a series of per-round figures of one agent (the same host and share) into its figures over the run.</summary>
    public static AgentFigures Sum(IReadOnlyList<AgentFigures> rounds)
    {
        var first = rounds[0];
        double seconds = rounds.Sum(r => r.Seconds);
        double cpuSeconds = rounds.Sum(r => r.ClientCpuPercent / 100.0 * r.Seconds);
        var errors = new Dictionary<string, long>();
        foreach (var (kind, count) in rounds.SelectMany(r => r.ErrorsByKind))
        {
            errors[kind] = errors.GetValueOrDefault(kind) + count;
        }

        return Of(first.Host, first.Address, first.Cores, first.Clients, first.Threads, rounds.Sum(r => r.Requests), errors, seconds, cpuSeconds);
    }

    public static AgentFigures Of(string host, string address, int cores, int clients, int threads, long requests, IReadOnlyDictionary<string, long> errors, double seconds, double cpuSeconds)
    {
        double percent = seconds > 0 ? 100.0 * cpuSeconds / seconds : 0;
        int loops = Math.Max(1, Math.Min(Math.Min(threads, clients), cores));
        return new AgentFigures
        {
            Host = host,
            Address = address,
            Cores = cores,
            Clients = clients,
            Threads = threads,
            Requests = requests,
            Errors = errors.Values.Sum(),
            ErrorsByKind = errors,
            Seconds = seconds,
            ClientCpuPercent = percent,
            Overloaded = percent >= OverloadedShare * 100 * loops,
        };
    }
}
