using System.Globalization;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// The capacity part of a run: for every engine and connection count, <see cref="CapacitySettings.Repeats"/>
/// whole searches, each against a server started for it alone (an external server is searched as it
/// is). The repetitions are interleaved (every engine's first search, then every engine's second) so
/// that a slow spell of the shared machine falls on all engines alike rather than on one.
/// </summary>
internal static class CapacityStage
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    public static async Task<IReadOnlyList<CapacitySearchResult>> RunAsync(
        IReadOnlyList<CapacityTarget> targets, CapacitySettings settings, int? workqueueWorkers, TextWriter output, CancellationToken cancellation)
    {
        var repetitions = new Dictionary<(string, int), List<CapacityRepetition>>();
        for (int r = 1; r <= settings.Repeats && !cancellation.IsCancellationRequested; r++)
        {
            foreach (var target in targets)
            {
                foreach (int connections in settings.Connections)
                {
                    if (cancellation.IsCancellationRequested)
                    {
                        break;
                    }

                    var repetition = await SearchAsync(target, connections, settings, workqueueWorkers, r, cancellation).ConfigureAwait(false);
                    var key = (target.Name, connections);
                    if (!repetitions.TryGetValue(key, out var list))
                    {
                        repetitions[key] = list = [];
                    }

                    list.Add(repetition);
                    await output.WriteLineAsync($"kechobench bench: capacity {target.Name} at {connections} connections, search {r} of {settings.Repeats}: {Describe(repetition)}").ConfigureAwait(false);
                }
            }
        }

        return [.. repetitions.Select(p => Summarize(p.Key.Item1, p.Key.Item2, p.Value, settings))];
    }

    /// <summary>The result over one engine's repetitions at one connection count: every one must have found a sustained rate for a rate to be reported.</summary>
    public static CapacitySearchResult Summarize(string engine, int connections, IReadOnlyList<CapacityRepetition> repetitions, CapacitySettings settings)
    {
        var result = new CapacitySearchResult
        {
            Engine = engine,
            Connections = connections,
            Repetitions = repetitions,
            Confidence = settings.Confidence,
            KneeRate = CapacityKnee.Of(repetitions.SelectMany(r => r.Steps)),
        };
        if (repetitions.FirstOrDefault(r => r.Failure is not null) is { } broken)
        {
            return result with { Note = $"search {broken.Index} could not run: {broken.Failure}" };
        }

        if (repetitions.Any(r => r.MaxSustainedRate is null))
        {
            int none = repetitions.Count(r => r.MaxSustainedRate is null);
            var why = repetitions.SelectMany(r => r.Steps).LastOrDefault(s => !s.Sustained)?.Why;
            return result with { Note = $"{none} of {repetitions.Count} searches sustained no rate down to {Whole(settings.FloorRate)} requests/s{(why is null ? "" : $" ({why})")}" };
        }

        var (median, low, high) = CapacityInterval.Of([.. repetitions.Select(r => r.MaxSustainedRate!.Value)], settings.Confidence);
        return result with
        {
            MaxSustainableRate = median,
            IntervalLow = low,
            IntervalHigh = high,
            Note = repetitions.Any(r => r.ReachedCeiling) ? $"at least: a search reached the ceiling of {Whole(settings.CeilingRate)} requests/s without a failure" : null,
        };
    }

    private static async Task<CapacityRepetition> SearchAsync(CapacityTarget target, int connections, CapacitySettings settings, int? workqueueWorkers, int index, CancellationToken cancellation)
    {
        ServerProcess? server = null;
        try
        {
            var endPoint = target.External;
            int? pid = target.ExternalPid;
            if (endPoint is null)
            {
                var arguments = new List<string> { "--backlog", Math.Max(128, connections).ToString(CultureInfo.InvariantCulture) };
                if (target.Name == "workqueue" && workqueueWorkers is { } workers)
                {
                    arguments.AddRange(["--workers", workers.ToString(CultureInfo.InvariantCulture)]);
                }

                server = await ServerProcess.StartAsync(target.Name, arguments, ReadyTimeout, cancellation).ConfigureAwait(false);
                endPoint = server.EndPoint;
                pid = server.Pid;
            }

            using var runner = new LoadStepRunner(endPoint, connections, pid, settings);
            return await CapacitySearch.RunAsync(runner, settings, index, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException or IOException or ArgumentException)
        {
            return new CapacityRepetition { Index = index, Failure = e.Message };
        }
        finally
        {
            if (server is not null)
            {
                await server.StopAsync(StopTimeout).ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One search's outcome in a progress line (bench's capacity stage and <c>ab --capacity</c>).</summary>
    internal static string Describe(CapacityRepetition r) =>
        r.Failure is { } failure ? $"could not run: {failure}"
        : r.MaxSustainedRate is { } max ? $"{Whole(max)} requests/s sustained{(r.FirstFailedRate is { } f ? $", {Whole(f)} not" : " (the ceiling)")}, {r.Steps.Count} steps"
        : $"no rate sustained ({(r.Steps.Count > 0 ? r.Steps[^1].Why : null)}), {r.Steps.Count} steps";

    private static string Whole(double rate) => rate.ToString("N0", CultureInfo.InvariantCulture);
}
