using HdrHistogram;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.Benchmarks.ServersUnderTest;

namespace KEchoBench.Bench.Benchmarks.Recording;

/// <summary>
/// Collects the measured rounds of one benchmark case: one <see cref="IterationResult"/> per
/// round (so p99 and max can be compared as samples) and every latency merged into one
/// histogram for the case's overall figures and percentile spectrum. A round too short for the
/// server's CPU clock gets no CPU figure but the reason (<see cref="CpuFigureRule"/>); the case
/// gets one when its rounds together are long enough for it.
/// </summary>
internal sealed class CaseRecorder
{
    private const string ServerUnknown = "the server's process is not known (external server without --server-pid)";

    private readonly LongHistogram _merged = HistogramFigures.NewHistogram();
    private readonly LongHistogram _connect = HistogramFigures.NewHistogram();
    private readonly LongHistogram _uncorrected = HistogramFigures.NewHistogram();
    private readonly List<IterationResult> _iterations = [];
    private readonly Dictionary<string, long> _errorsByKind = new(StringComparer.Ordinal);
    private readonly List<double> _slotSums = [];
    private readonly List<int> _slotCounts = [];
    private TimeSpan _serverCpu;
    private TimeSpan _clientCpu;
    private bool _serverKnown = true;
    private bool _anyConnect;
    private bool _anyUncorrected;
    private string? _cpuUnknown;
    private TimeSpan _cpuStep = CpuFigureRule.CpuClockStep;
    private string _cpuClock = "the server's CPU clock";
    private int _peakThreads;
    private long _peakRss;

    public int Count => _iterations.Count;

    public IterationResult Add(RoundOutcome round, ServerWindow? server)
    {
        double seconds = Math.Max(round.Elapsed.TotalSeconds, 1e-9);
        long requests = round.Requests;
        string? cpuAbsent = server is null || round.ServerCpu is null ? round.ServerCpuAbsent ?? ServerUnknown : round.ServerCpuAbsent;
        bool cpu = cpuAbsent is null;
        var serverCpu = round.ServerCpu ?? TimeSpan.Zero;
        var iteration = new IterationResult
        {
            Requests = requests,
            Errors = round.Errors,
            Seconds = round.Elapsed.TotalSeconds,
            RequestsPerSecond = requests / seconds,
            Latency = HistogramFigures.Summarize(round.LatencyNs),
            Connect = round.ConnectNs is null ? null : HistogramFigures.Summarize(round.ConnectNs),
            UncorrectedLatency = round.UncorrectedNs is null ? null : HistogramFigures.Summarize(round.UncorrectedNs),
            ClientsServed = round.ClientsServed,
            ClientsFailed = round.ClientsFailed,
            Repeats = round.Repeats,
            ServerCpuPercent = cpu ? 100 * serverCpu.TotalSeconds / seconds : null,
            ServerCpuUsPerRequest = cpu && requests > 0 ? serverCpu.TotalMicroseconds / requests : null,
            ServerCpuAbsent = cpuAbsent,
            ClientCpuPercent = 100 * round.ClientCpu.TotalSeconds / seconds,
            ClientCpuUsPerRequest = requests == 0 ? 0 : round.ClientCpu.TotalMicroseconds / requests,
            ServerThreads = server?.PeakThreads,
            ServerRssBytes = server?.PeakRssBytes,
        };

        _iterations.Add(iteration);
        _merged.Add(round.LatencyNs);
        if (round.ConnectNs is not null)
        {
            _connect.Add(round.ConnectNs);
            _anyConnect = true;
        }

        if (round.UncorrectedNs is not null)
        {
            _uncorrected.Add(round.UncorrectedNs);
            _anyUncorrected = true;
        }

        foreach (var (kind, count) in round.ErrorsByKind)
        {
            _errorsByKind[kind] = _errorsByKind.GetValueOrDefault(kind) + count;
        }

        for (int slot = 0; slot < round.PerConnectionUs.Count; slot++)
        {
            if (slot == _slotSums.Count)
            {
                _slotSums.Add(0);
                _slotCounts.Add(0);
            }

            if (!double.IsNaN(round.PerConnectionUs[slot]))
            {
                _slotSums[slot] += round.PerConnectionUs[slot];
                _slotCounts[slot]++;
            }
        }

        _clientCpu += round.ClientCpu;
        if (server is null || round.ServerCpu is null)
        {
            _cpuUnknown ??= cpuAbsent;
        }

        _cpuStep = round.ServerCpuStep > _cpuStep ? round.ServerCpuStep : _cpuStep;
        _cpuClock = round.ServerCpuStep >= _cpuStep ? round.ServerCpuClock : _cpuClock;
        if (server is null)
        {
            _serverKnown = false;
        }
        else
        {
            _serverCpu += serverCpu;
            _peakThreads = Math.Max(_peakThreads, server.PeakThreads);
            _peakRss = Math.Max(_peakRss, server.PeakRssBytes);
        }

        return iteration;
    }

    /// <summary>The case with its measured rounds, overall figures, spectrum, per-slot means and errors.</summary>
    public CaseResult Build(CaseResult identity)
    {
        long requests = _iterations.Sum(i => i.Requests);
        double seconds = _iterations.Sum(i => i.Seconds);
        bool server = _serverKnown && _iterations.Count > 0;

        // Over several rounds the readings' errors add up (as √n for independent rounds): the
        // rounds must last the clock's 100 × √n steps together, though one of them may be shorter.
        string? cpuAbsent = !server ? ServerUnknown
            : _cpuUnknown ?? CpuFigureRule.WhyAbsent(TimeSpan.FromSeconds(seconds), _iterations.Count, _cpuStep, _cpuClock);
        bool cpu = cpuAbsent is null;
        var overall = _iterations.Count == 0 ? null : new IterationResult
        {
            Requests = requests,
            Errors = _iterations.Sum(i => i.Errors),
            Seconds = seconds,
            RequestsPerSecond = seconds > 0 ? requests / seconds : 0,
            Latency = HistogramFigures.Summarize(_merged),
            Connect = _anyConnect ? HistogramFigures.Summarize(_connect) : null,
            UncorrectedLatency = _anyUncorrected ? HistogramFigures.Summarize(_uncorrected) : null,
            ClientsServed = _iterations.Sum(i => i.ClientsServed),
            ClientsFailed = _iterations.Sum(i => i.ClientsFailed),
            Repeats = _iterations.Sum(i => i.Repeats),
            ServerCpuPercent = cpu && seconds > 0 ? 100 * _serverCpu.TotalSeconds / seconds : null,
            ServerCpuUsPerRequest = cpu && requests > 0 ? _serverCpu.TotalMicroseconds / requests : null,
            ServerCpuAbsent = cpuAbsent,
            ClientCpuPercent = seconds > 0 ? 100 * _clientCpu.TotalSeconds / seconds : 0,
            ClientCpuUsPerRequest = requests > 0 ? _clientCpu.TotalMicroseconds / requests : 0,
            ServerThreads = server ? _peakThreads : null,
            ServerRssBytes = server ? _peakRss : null,
        };

        return identity with
        {
            Iterations = [.. _iterations],
            Overall = overall,
            Spectrum = HistogramFigures.Spectrum(_merged),
            PerConnectionUs = [.. _slotSums.Select((sum, slot) => _slotCounts[slot] == 0 ? double.NaN : sum / _slotCounts[slot])],
            ErrorsByKind = new Dictionary<string, long>(_errorsByKind),
        };
    }
}
