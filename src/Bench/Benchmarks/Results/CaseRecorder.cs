using HdrHistogram;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Results;

/// <summary>
/// Collects the measured rounds of one benchmark case: one <see cref="IterationResult"/> per
/// round (so p99 and max can be compared as samples) and every latency merged into one
/// histogram for the case's overall figures and percentile spectrum.
/// </summary>
public sealed class CaseRecorder
{
    private readonly LongHistogram _merged = LatencyFigures.NewHistogram();
    private readonly List<IterationResult> _iterations = [];
    private readonly Dictionary<string, long> _errorsByKind = new(StringComparer.Ordinal);
    private readonly List<double> _slotSums = [];
    private readonly List<int> _slotCounts = [];
    private TimeSpan _serverCpu;
    private TimeSpan _clientCpu;
    private bool _serverKnown = true;
    private int _peakThreads;
    private long _peakRss;

    public int Count => _iterations.Count;

    public IterationResult Add(RoundOutcome round, ServerWindow? server)
    {
        double seconds = Math.Max(round.Elapsed.TotalSeconds, 1e-9);
        long requests = round.Requests;
        var iteration = new IterationResult
        {
            Requests = requests,
            Errors = round.Errors,
            Seconds = round.Elapsed.TotalSeconds,
            RequestsPerSecond = requests / seconds,
            Latency = HistogramFigures.Summarize(round.LatencyNs),
            ServerCpuPercent = server is null ? null : 100 * server.Cpu.TotalSeconds / seconds,
            ServerCpuUsPerRequest = server is null || requests == 0 ? null : server.Cpu.TotalMicroseconds / requests,
            ClientCpuPercent = 100 * round.ClientCpu.TotalSeconds / seconds,
            ClientCpuUsPerRequest = requests == 0 ? 0 : round.ClientCpu.TotalMicroseconds / requests,
            ServerThreads = server?.PeakThreads,
            ServerRssBytes = server?.PeakRssBytes,
        };

        _iterations.Add(iteration);
        _merged.Add(round.LatencyNs);
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
        if (server is null)
        {
            _serverKnown = false;
        }
        else
        {
            _serverCpu += server.Cpu;
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
        var overall = _iterations.Count == 0 ? null : new IterationResult
        {
            Requests = requests,
            Errors = _iterations.Sum(i => i.Errors),
            Seconds = seconds,
            RequestsPerSecond = seconds > 0 ? requests / seconds : 0,
            Latency = HistogramFigures.Summarize(_merged),
            ServerCpuPercent = server && seconds > 0 ? 100 * _serverCpu.TotalSeconds / seconds : null,
            ServerCpuUsPerRequest = server && requests > 0 ? _serverCpu.TotalMicroseconds / requests : null,
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
