using HdrHistogram;

namespace KEchoBench.Bench.Results;

/// <summary>
/// The one place a measured round and its server window become an <see cref="IterationResult"/>,
/// and a series of rounds the overall figures of a run or case: <c>load</c> (its LoadReport) and
/// <c>bench</c> (its CaseRecorder) both build theirs here. Each round's histograms are merged once,
/// without loss, for the overall percentiles and the spectrum.
/// </summary>
/// <remarks>
/// <para>
/// One time base: every rate and share of a core (requests/s, client and server CPU %) is over
/// the round's own clock, <see cref="RoundOutcome.Elapsed"/>, which is the iteration's
/// <see cref="IterationResult.Seconds"/>. The server's CPU is read at the instants that clock starts
/// and stops (the readings themselves take a few hundred µs of /proc reads just outside it, while
/// the server is between requests), so its CPU over the readings' window is its CPU over the round.
/// </para>
/// <para>
/// A round too short for the server's CPU clock gets no CPU figure but the reason
/// (<see cref="CpuFigureRule"/>); the overall figure is given when the rounds together are long
/// enough for it. Threads and memory are the window's (<see cref="ServerWindow"/>); overall, the
/// largest over the rounds.
/// </para>
/// </remarks>
internal sealed class IterationBuilder
{
    private readonly string _serverUnknown;
    private readonly LongHistogram _latency = HistogramFigures.NewHistogram();
    private readonly List<IterationResult> _iterations = [];
    private LongHistogram? _connect;
    private LongHistogram? _uncorrected;
    private TimeSpan _elapsed;
    private TimeSpan _clientCpu;
    private TimeSpan _serverCpu;
    private long _errorsOutsideRounds;
    private bool _serverKnown = true;
    private string? _cpuUnknown;
    private TimeSpan _cpuStep = CpuFigureRule.CpuClockStep;
    private string _cpuClock = CpuFigureRule.CpuClockName;
    private int _peakThreads;
    private RoundAttribution? _attribution;
    private long _peakRss;

    /// <param name="serverUnknown">Why there is no server figure when the server's process is not known, in the words of the command that measured.</param>
    public IterationBuilder(string serverUnknown) => _serverUnknown = serverUnknown;

    public IReadOnlyList<IterationResult> Iterations => _iterations;

    /// <summary>Every round's latency, merged (ns).</summary>
    public LongHistogram Latency => _latency;

    /// <summary>Every round's connect times, merged (ns); null when no round opened its connections.</summary>
    public LongHistogram? Connect => _connect;

    /// <summary>Open loop: every round's latency from the actual send, merged (ns); null in other modes.</summary>
    public LongHistogram? Uncorrected => _uncorrected;

    /// <summary>One round as one iteration, without adding it to a series.</summary>
    public static IterationResult Of(RoundOutcome round, ServerWindow? server, string serverUnknown) =>
        new IterationBuilder(serverUnknown).Add(round, server);

    /// <summary>Adds a measured round and returns its iteration.</summary>
    public IterationResult Add(RoundOutcome round, ServerWindow? server)
    {
        bool readings = server is not null && round.ServerCpu is not null;
        string? cpuAbsent = readings ? round.ServerCpuAbsent : round.ServerCpuAbsent ?? _serverUnknown;
        var serverCpu = round.ServerCpu ?? TimeSpan.Zero;
        var iteration = Figures(round.Requests, round.Errors, round.Elapsed, round.ClientCpu, round.LatencyNs, round.ConnectNs, round.UncorrectedNs, serverCpu, cpuAbsent, server?.Threads, server?.RssBytes) with
        {
            ClientsServed = round.ClientsServed,
            ClientsFailed = round.ClientsFailed,
            Repeats = round.Repeats,
            Attribution = round.Attribution,
        };
        _iterations.Add(iteration);
        _attribution = _iterations.Count == 1 ? round.Attribution : round.Attribution is { } a ? _attribution?.Plus(a) : null;

        _latency.Add(round.LatencyNs);
        if (round.ConnectNs is not null)
        {
            (_connect ??= HistogramFigures.NewHistogram()).Add(round.ConnectNs);
        }

        if (round.UncorrectedNs is not null)
        {
            (_uncorrected ??= HistogramFigures.NewHistogram()).Add(round.UncorrectedNs);
        }

        _elapsed += round.Elapsed;
        _clientCpu += round.ClientCpu;
        if (!readings)
        {
            _cpuUnknown ??= cpuAbsent;
        }

        if (round.ServerCpuStep >= _cpuStep)
        {
            // The overall figure is held to the coarsest clock any round was read with.
            _cpuStep = round.ServerCpuStep;
            _cpuClock = round.ServerCpuClock;
        }
        if (server is null)
        {
            _serverKnown = false;
        }
        else
        {
            _serverCpu += serverCpu;
            _peakThreads = Math.Max(_peakThreads, server.Threads);
            _peakRss = Math.Max(_peakRss, server.RssBytes);
        }

        return iteration;
    }

    /// <summary>Errors counted outside every round (load: connects of kept-open connections before the first): in the overall count only.</summary>
    public void AddErrorsOutsideRounds(long errors) => _errorsOutsideRounds += errors;

    /// <summary>The union of the rounds as one iteration: counts and times summed, histograms merged.</summary>
    public IterationResult Overall()
    {
        bool server = _serverKnown && _iterations.Count > 0;

        // Over several rounds the readings' errors add up (as √n for independent rounds): the
        // rounds must last the clock's 100 × √n steps together, though one of them may be shorter.
        string? cpuAbsent = !server ? _serverUnknown
            : _cpuUnknown ?? CpuFigureRule.WhyAbsent(_elapsed, _iterations.Count, _cpuStep, _cpuClock);
        return Figures(
            _iterations.Sum(i => i.Requests),
            _iterations.Sum(i => i.Errors) + _errorsOutsideRounds,
            _elapsed,
            _clientCpu,
            _latency,
            _connect,
            _uncorrected,
            _serverCpu,
            cpuAbsent,
            server ? _peakThreads : null,
            server ? _peakRss : null) with
        {
            ClientsServed = _iterations.Sum(i => i.ClientsServed),
            ClientsFailed = _iterations.Sum(i => i.ClientsFailed),
            Repeats = _iterations.Sum(i => i.Repeats),
            Attribution = _attribution,
        };
    }

    public IReadOnlyList<PercentilePoint> Spectrum() => HistogramFigures.Spectrum(_latency);

    private static IterationResult Figures(
        long requests, long errors, TimeSpan elapsed, TimeSpan clientCpu, HistogramBase latency, HistogramBase? connect, HistogramBase? uncorrected,
        TimeSpan serverCpu, string? cpuAbsent, int? threads, long? rssBytes)
    {
        double seconds = elapsed.TotalSeconds;
        bool cpu = cpuAbsent is null;
        return new IterationResult
        {
            Requests = requests,
            Errors = errors,
            Seconds = seconds,
            RequestsPerSecond = seconds > 0 ? requests / seconds : 0,
            Latency = HistogramFigures.Summarize(latency),
            Connect = connect is null ? null : HistogramFigures.Summarize(connect),
            UncorrectedLatency = uncorrected is null ? null : HistogramFigures.Summarize(uncorrected),
            ServerCpuPercent = cpu && seconds > 0 ? 100 * serverCpu.TotalSeconds / seconds : null,
            ServerCpuUsPerRequest = cpu && requests > 0 ? serverCpu.TotalMicroseconds / requests : null,
            ServerCpuAbsent = cpuAbsent,
            ClientCpuPercent = seconds > 0 ? 100 * clientCpu.TotalSeconds / seconds : 0,
            ClientCpuUsPerRequest = requests > 0 ? clientCpu.TotalMicroseconds / requests : 0,
            ServerThreads = threads,
            ServerRssBytes = rssBytes,
        };
    }
}
