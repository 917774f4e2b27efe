using KEchoBench.Bench.Attribution;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.Timing;

namespace KEchoBench.Bench.Load;

/// <summary>
/// The two edges of one session round and what is read at them. The clock starts when every loop
/// thread is up and waiting at the barrier, not before, and stops when the last loop is done; the
/// server's CPU is read at the same two instants, so that its window is the round's. One per round
/// (not per request): <see cref="Started"/> and <see cref="Finished"/> are handed to the loops'
/// barrier as they are, and the loops read the round's instants from here once started.
/// </summary>
internal sealed class RoundClock(LoadSettings settings, TimeSpan? duration, RoundGate? gate, CancellationToken cancellation) : IDisposable
{
    private RoundWatch? _watch;

    /// <summary>This process's CPU time when the round was set up (before its threads start).</summary>
    public TimeSpan CpuBefore { get; } = ProcessCpu.Now();

    public long StartNs { get; private set; }

    public long EndNs { get; private set; }

    /// <summary>The end of a round of a set duration (0: a round of a request count).</summary>
    public long DeadlineNs { get; private set; }

    /// <summary>The least a round of a request count lasts, its test repeated until then (0: none).</summary>
    public long MinimumEndNs { get; private set; }

    public ProcessSample? ServerBefore { get; private set; }

    public ProcessSample? ServerAfter { get; private set; }

    public RoundAttribution? Attribution { get; private set; }

    /// <summary>Runs once every loop is at the barrier, before any is released.</summary>
    public void Started()
    {
        gate?.Pass(cancellation);
        _watch = settings.WatchThreads ? RoundWatch.Start(settings.ServerPid) : null;
        ServerBefore = settings.ServerPid is int pid ? ProcFs.Sample(pid) : null;
        StartNs = MonotonicClock.NowNs();
        DeadlineNs = duration is { } d ? StartNs + (d.Ticks * 100) : 0;
        MinimumEndNs = duration is null && settings.MinRoundDuration is { } m ? StartNs + (m.Ticks * 100) : 0;
    }

    /// <summary>Runs on the last loop to finish.</summary>
    public void Finished()
    {
        EndNs = MonotonicClock.NowNs();
        ServerAfter = settings.ServerPid is int pid ? ProcFs.Sample(pid) : null;
        Attribution = _watch?.Finish(
            ServerBefore is { PreciseCpu: true } b && ServerAfter is { PreciseCpu: true } a ? a.CpuTime - b.CpuTime : null,
            ProcessCpu.Now() - CpuBefore);
    }

    /// <summary>Stops the watch's timer, also when the round failed or was cancelled before its end.</summary>
    public void Dispose() => _watch?.Dispose();
}
