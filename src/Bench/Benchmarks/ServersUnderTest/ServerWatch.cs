using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.ServersUnderTest;

/// <summary>
/// Watches the server during one round: thread count and RSS sampled every few milliseconds,
/// because the peak (a thread per client at 1000 clients) is over by the time the round ends.
/// </summary>
internal sealed class ServerWatch : IDisposable
{
    private static readonly TimeSpan s_period = TimeSpan.FromMilliseconds(10);
    private readonly IServerUnderTest _server;
    private readonly ProcessSample? _start;
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private int _peakThreads;
    private long _peakRss;

    public ServerWatch(IServerUnderTest server)
    {
        _server = server;
        _start = server.Sample();
        if (_start is not null)
        {
            Observe(_start);
            _timer = new Timer(_ => Poll(), null, s_period, s_period);
        }
    }

    /// <summary>Stops watching; null when the server's process is not known.</summary>
    public ServerWindow? Finish()
    {
        _timer?.Dispose();
        if (_start is null || _server.Sample() is not { } end)
        {
            return null;
        }

        lock (_gate)
        {
            Observe(end);
            return new ServerWindow(_peakThreads, _peakRss);
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Poll()
    {
        if (_server.Sample() is { } sample)
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
