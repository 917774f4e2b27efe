using KEchoBench.Bench.RunEnvironment;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Load;

/// <summary>
/// Runs a whole load experiment: opens the connections, warms up (unmeasured), runs the measured
/// rounds and reports progress while they run. For one round at a time (a benchmark iteration),
/// use <see cref="LoadSession"/> directly.
/// </summary>
internal static class LoadGenerator
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<LoadReport> RunAsync(LoadSettings settings, IProgress<LoadProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }

        // Each connection is one descriptor; leave room for the runtime's own.
        if (OpenFileLimit.EnsureAtLeast(settings.Clients + 64) is { } limitProblem)
        {
            throw new InvalidOperationException(limitProblem);
        }

        using var session = await LoadSession.OpenAsync(settings, cancellation).ConfigureAwait(false);
        return await RunAsync(session, progress, cancellation).ConfigureAwait(false);
    }

    /// <summary>Warm-up and measured rounds on <paramref name="session"/>: this host's generator, or the load agents of a cluster.</summary>
    public static async Task<LoadReport> RunAsync(IRoundRunner session, IProgress<LoadProgress>? progress, CancellationToken cancellation)
    {
        var settings = session.Settings;
        if (!settings.HangsUp && session.ConnectionsEstablished == 0)
        {
            return new LoadReport(settings, 0, session.ConnectErrors, []);
        }

        // A warm-up is unmeasured, not unchecked: its errors count, so it cannot hide a broken server.
        var errorsBeforeMeasuring = new Dictionary<LoadErrorKind, long>(session.ConnectErrors);
        foreach (var warmupRound in await WarmUpAsync(session, progress, cancellation).ConfigureAwait(false))
        {
            foreach (var (kind, count) in warmupRound.Errors)
            {
                errorsBeforeMeasuring[kind] = errorsBeforeMeasuring.GetValueOrDefault(kind) + count;
            }
        }

        var rounds = new List<LoadRound>();
        for (int r = 0; r < settings.Rounds && !cancellation.IsCancellationRequested; r++)
        {
            var round = await WithProgress(
                session,
                progress,
                new LoadProgress("measure", r + 1, settings.Rounds, 0, Expected(settings), 0, TimeSpan.Zero, settings.Duration),
                session.RunRoundAsync(r, settings.Requests, settings.Duration, cancellation)).ConfigureAwait(false);
            rounds.Add(round);
            if (settings.HangsUp && r == 0 && round.Requests == 0 && session.ConnectionsEstablished == 0)
            {
                break; // nothing is listening: one round says so
            }
        }

        return new LoadReport(settings, session.ConnectionsEstablished, errorsBeforeMeasuring, rounds);
    }

    private static async Task<List<LoadRound>> WarmUpAsync(IRoundRunner session, IProgress<LoadProgress>? progress, CancellationToken cancellation)
    {
        var settings = session.Settings;
        var rounds = new List<LoadRound>();
        if (settings.WarmupDuration is { } duration)
        {
            if (settings.Mode == LoadMode.Burst)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                int i = 0;
                while (clock.Elapsed < duration && !cancellation.IsCancellationRequested)
                {
                    rounds.Add(await session.RunRoundAsync(-1 - i++, 1, null, cancellation).ConfigureAwait(false));
                }
            }
            else
            {
                rounds.Add(await WithProgress(session, progress, new LoadProgress("warm-up", 0, settings.Rounds, 0, 0, 0, TimeSpan.Zero, duration),
                    session.RunRoundAsync(-1, 0, duration, cancellation)).ConfigureAwait(false));
            }
        }
        else if (settings.WarmupCount > 0)
        {
            if (settings.Mode == LoadMode.Burst)
            {
                for (int i = 0; i < settings.WarmupCount && !cancellation.IsCancellationRequested; i++)
                {
                    rounds.Add(await session.RunRoundAsync(-1 - i, 1, null, cancellation).ConfigureAwait(false));
                }
            }
            else
            {
                rounds.Add(await WithProgress(session, progress, new LoadProgress("warm-up", 0, settings.Rounds, 0, (long)settings.WarmupCount * settings.Clients, 0, TimeSpan.Zero, null),
                    session.RunRoundAsync(-1, settings.WarmupCount, null, cancellation)).ConfigureAwait(false));
            }
        }

        return rounds;
    }

    private static long Expected(LoadSettings settings) => settings.Mode switch
    {
        LoadMode.Burst => settings.Clients,
        _ when settings.Duration is not null => 0,
        _ => (long)settings.Requests * settings.Clients,
    };

    /// <summary>Reports progress every 250 ms while <paramref name="work"/> runs, and once more at its end.</summary>
    private static async Task<T> WithProgress<T>(IRoundRunner session, IProgress<LoadProgress>? progress, LoadProgress template, Task<T> work)
    {
        if (progress is null)
        {
            return await work.ConfigureAwait(false);
        }

        long baseline = session.Completed;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var timer = new PeriodicTimer(ProgressInterval);
        while (!work.IsCompleted)
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            await Task.WhenAny(tick, work).ConfigureAwait(false);
            progress.Report(template with { Completed = session.Completed - baseline, Errors = session.ErrorsInRound, Elapsed = clock.Elapsed });
        }

        return await work.ConfigureAwait(false);
    }
}
