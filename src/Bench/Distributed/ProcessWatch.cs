using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Timing;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The server agent's view of one round: the server's CPU read when the round begins and ends, and
/// its threads and resident memory sampled in between (their peak is over before the round ends),
/// all from /proc on the server's own host.
/// </summary>
internal sealed class ProcessWatch : IDisposable
{
    private readonly int _pid;
    private readonly ProcessSample? _start;
    private readonly long _startNs = MonotonicClock.NowNs();
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private int _peakThreads;
    private long _peakRss;

    public ProcessWatch(int pid, TimeSpan period)
    {
        _pid = pid;
        _start = ProcFs.Sample(pid);
        if (_start is not null)
        {
            Observe(_start);
            _timer = new Timer(_ => Poll(), null, period, period);
        }
    }

    public ServerFigures Finish()
    {
        _timer?.Dispose();
        var end = ProcFs.Sample(_pid);
        lock (_gate)
        {
            if (end is not null)
            {
                Observe(end);
            }

            return new ServerFigures(
                _start?.CpuTime.Ticks,
                end?.CpuTime.Ticks,
                _start is { PreciseCpu: true } && end is { PreciseCpu: true },
                _peakThreads,
                _peakRss,
                (MonotonicClock.NowNs() - _startNs) / 100);
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Poll()
    {
        if (ProcFs.Sample(_pid) is { } sample)
        {
            lock (_gate)
            {
                Observe(sample);
            }
        }
    }

    private void Observe(ProcessSample sample)
    {
        _peakThreads = Math.Max(_peakThreads, sample.Threads);
        _peakRss = Math.Max(_peakRss, sample.RssBytes);
    }
}
