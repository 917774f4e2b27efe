using System.Text.Json;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// What <c>kechobench ab</c> does once its options are read: place the generator and the servers,
/// run every case, print each as it ends, write the JSON, and pick the exit code (0 same or
/// undecided, 1 slower).
/// </summary>
internal static class AbRunner
{
    public static async Task<AbRunResult> RunAsync(AbSettings settings, string? outputFile, TextWriter output, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        // ab always had split by default (--no-pin for shared); a host with one CPU cannot split, and runs shared.
        var cpus = CpuAffinity.Allowed();
        var shared = Placement.Decide(PlacementMode.Shared, cpus)!;
        var placement = settings.Pin ? Placement.Decide(PlacementMode.Split, cpus) ?? shared : shared;
        if (!placement.PinGenerator())
        {
            placement = shared;
        }

        output.WriteLine($"ab: base {settings.Base}, head this build{(settings.InjectedWork.IsNone ? string.Empty : " with --inject-work " + settings.InjectedWork)}; seed {settings.Seed}; {placement}");
        output.WriteLine();
        var order = new Random(settings.Seed);
        var cases = new List<AbCaseResult>();
        var capacity = new List<AbCapacityResult>();
        foreach (string engine in settings.Engines)
        {
            var source = new ServerPairSource(engine, settings, placement);
            var (pairs, restarts, decision) = await AbCaseRunner.RunAsync(source, settings, order, line => output.WriteLine($"  {engine}: {line}"), cancellation).ConfigureAwait(false);
            var result = new AbCaseResult(engine, settings.Clients, source.OfferedRate, restarts, pairs, decision);
            cases.Add(result);
            AbConsoleRenderer.WriteCase(result, output);
            if (settings.Capacity is { } searches)
            {
                var compared = await CapacityGate.RunAsync(engine, settings, searches, placement, order, line => output.WriteLine($"  {engine}: {line}"), cancellation).ConfigureAwait(false);
                capacity.Add(compared);
                AbConsoleRenderer.WriteCapacity(compared, output);
            }
        }

        var run = new AbRunResult(settings.Seed, settings.Base.ToString(), settings.InjectedWork.ToString(), placement.ToString(), cases) { Capacity = capacity };
        AbConsoleRenderer.WriteVerdict(run, output);
        if (outputFile is not null)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(outputFile));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(outputFile, JsonSerializer.Serialize(run, RunResultStore.JsonOptions), cancellation).ConfigureAwait(false);
        }

        return run;
    }
}
