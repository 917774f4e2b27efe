using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Comparison;

/// <summary>
/// Reads one side of a comparison: a kechobench results folder (its <c>run.json</c>), a
/// <c>run.json</c> file, a BenchmarkDotNet <c>*-report-full.json</c> export, or a folder of such
/// exports. Any failure becomes a <see cref="ComparisonInputException"/> naming the side and the path.
/// </summary>
internal static class SampleReader
{
    private const string BenchmarkDotNetPattern = "*-report-full.json";

    /// <summary>
    /// Reads one side; <paramref name="path"/> may list several folders or files separated by commas
    /// (e.g. base and head benchmarked alternately, A B A B): their iterations are pooled case by
    /// case, so that a drift of the machine between runs becomes noise within each side instead of
    /// a difference between the sides.
    /// </summary>
    /// <param name="path">Folder or file, or a comma-separated list of them.</param>
    /// <param name="side">"BASE" or "CURRENT", for messages.</param>
    public static RunSamples Read(string path, string side)
    {
        if (path.Contains(',', StringComparison.Ordinal) && !Path.Exists(path))
        {
            var runs = path.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => ReadOne(p, side)).ToList();
            return Pool(runs);
        }

        return ReadOne(path, side);
    }

    /// <summary>Several runs of one build as one: the iterations of equal keys together.</summary>
    public static RunSamples Pool(IReadOnlyList<RunSamples> runs)
    {
        if (runs.Count == 1)
        {
            return runs[0];
        }

        var cases = runs
            .SelectMany(r => r.Cases)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var values = ComparisonMetric.All
                    .Select(m => (m.Name, Values: group.SelectMany(c => c.Of(m)).ToList()))
                    .Where(m => m.Values.Count > 0)
                    .ToDictionary(m => m.Name, m => (IReadOnlyList<double>)m.Values);
                return new CaseSamples
                {
                    Key = group.Key,
                    Values = values,
                    Failure = values.Count == 0 ? group.Select(c => c.Failure).FirstOrDefault(f => f is not null) : null,
                };
            })
            .ToList();
        return new RunSamples
        {
            Source = string.Join(",", runs.Select(r => r.Source)),
            Format = string.Join("+", runs.Select(r => r.Format).Distinct()),
            Cases = cases,
            InjectedWork = [.. runs.SelectMany(r => r.InjectedWork).Distinct(StringComparer.Ordinal)],
        };
    }

    private static RunSamples ReadOne(string path, string side)
    {
        if (Directory.Exists(path))
        {
            if (File.Exists(Path.Combine(path, RunResult.FileName)))
            {
                return FromRunResult(Path.Combine(path, RunResult.FileName), side);
            }

            // BenchmarkDotNet puts its exports in a results/ folder under its artifacts path.
            string[] exports = Directory.GetFiles(path, BenchmarkDotNetPattern, SearchOption.AllDirectories);
            if (exports.Length > 0)
            {
                // BenchmarkDotNet writes one export per benchmark class: together they are the run.
                Array.Sort(exports, StringComparer.Ordinal);
                var parts = exports.Select(file => BenchmarkDotNetReader.Read(file, side)).ToList();
                return new RunSamples { Source = path, Format = BenchmarkDotNetReader.FormatName, Cases = parts.SelectMany(p => p.Cases).ToList() };
            }

            throw new ComparisonInputException(
                $"{side} '{path}' has no {RunResult.FileName} and no BenchmarkDotNet {BenchmarkDotNetPattern}: is it a results folder?");
        }

        if (!File.Exists(path))
        {
            throw new ComparisonInputException(
                $"{side} '{path}' does not exist: expected a results folder (with {RunResult.FileName}) or a BenchmarkDotNet {BenchmarkDotNetPattern} file");
        }

        return BenchmarkDotNetReader.LooksLikeExport(path) ? BenchmarkDotNetReader.Read(path, side) : FromRunResult(path, side);
    }

    /// <summary>Per-iteration samples of every metric from a kechobench run.</summary>
    public static RunSamples FromRunResult(RunResult run, string source)
    {
        // A key measured twice in one run (a repeated case) is one case with more iterations.
        var cases = run.Cases
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(group => ToSamples(group.Key, group.ToList()))
            .ToList();
        return new RunSamples
        {
            Source = source,
            Format = "kechobench",
            Cases = cases,
            InjectedWork = [.. run.InjectedWork.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={w.Value}")],
        };
    }

    private static RunSamples FromRunResult(string file, string side)
    {
        RunResult run;
        try
        {
            run = RunResultStore.Read(file);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ComparisonInputException($"{side}: {e.Message}", e);
        }

        return FromRunResult(run, file);
    }

    private static CaseSamples ToSamples(string key, IReadOnlyList<CaseResult> results)
    {
        var iterations = results.Where(r => r.Failure is null).SelectMany(r => r.Iterations).ToList();
        var values = new Dictionary<string, IReadOnlyList<double>>();
        foreach (var metric in ComparisonMetric.All)
        {
            var sample = iterations.Select(metric.Extract).OfType<double>().ToList();
            if (sample.Count > 0)
            {
                values[metric.Name] = sample;
            }
        }

        string? failure = results.All(r => r.Failure is not null) ? results[0].Failure : null;
        return new CaseSamples { Key = key, Values = values, Failure = failure };
    }
}
