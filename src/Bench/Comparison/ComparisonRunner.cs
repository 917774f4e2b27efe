namespace KEchoBench.Bench.Comparison;

/// <summary>
/// Compares two runs case by case. The entry point for <c>kechobench compare</c> and for
/// <c>bench --baseline DIR</c>: <c>ComparisonRunner.Run(baseDir, resultsDir, settings)</c>, then
/// <see cref="ComparisonConsoleRenderer"/> / <see cref="ComparisonMarkdownRenderer"/>, and the command-line layer turns
/// <see cref="ComparisonReport.HasRegression"/> into the exit code. Bad inputs throw <see cref="ComparisonInputException"/> (exit 2).
/// </summary>
internal static class ComparisonRunner
{
    public static ComparisonReport Run(string basePath, string currentPath, ComparisonSettings settings) =>
        Run(SampleReader.Read(basePath, "BASE"), SampleReader.Read(currentPath, "CURRENT"), settings);

    public static ComparisonReport Run(RunSamples baseRun, RunSamples currentRun, ComparisonSettings settings)
    {
        Validate(settings);
        var baseCases = baseRun.Cases.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var currentCases = currentRun.Cases.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var common = baseCases.Keys.Where(currentCases.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (common.Count == 0)
        {
            throw new ComparisonInputException(
                $"no case in common between BASE '{baseRun.Source}' ({Describe(baseRun)}) and CURRENT '{currentRun.Source}' ({Describe(currentRun)}): were they made with the same profile?");
        }

        var skipped = new List<(ComparisonMetric Metric, string Key, string Side)>();
        var cases = common.Select(key => CompareCase(key, baseCases[key], currentCases[key], settings, skipped)).ToList();

        return new ComparisonReport
        {
            Base = baseRun,
            Current = currentRun,
            Settings = settings,
            Cases = cases,
            OnlyInBase = baseCases.Keys.Where(k => !currentCases.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(),
            OnlyInCurrent = currentCases.Keys.Where(k => !baseCases.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(),
            Skipped = DescribeSkipped(skipped, common.Count, settings),
            GeometricMeans = GeometricMean.Of(cases, settings.StandIn is { } used ? [.. settings.Metrics, used] : settings.Metrics),
        };
    }

    /// <summary>
    /// Every metric of one case; a metric neither side has (and neither failed) goes to
    /// <paramref name="skipped"/>, with the stand-in compared in its place where it has values.
    /// </summary>
    private static CaseComparison CompareCase(string key, CaseSamples before, CaseSamples after, ComparisonSettings settings, List<(ComparisonMetric Metric, string Key, string Side)> skipped)
    {
        var outcomes = new List<MetricComparison>();
        foreach (var metric in settings.Metrics)
        {
            var outcome = RegressionTest.Compare(metric, before.Of(metric), after.Of(metric), settings);
            if (outcome.Verdict == Verdict.NoData && before.Failure is null && after.Failure is null)
            {
                skipped.Add((metric, key, MissingSide(outcome)));
                if (settings.StandIn is { } fallback)
                {
                    var instead = RegressionTest.Compare(fallback, before.Of(fallback), after.Of(fallback), settings);
                    if (instead.Verdict != Verdict.NoData)
                    {
                        outcomes.Add(instead);
                    }
                }

                continue;
            }

            outcomes.Add(outcome);
        }

        return new CaseComparison { Key = key, Metrics = outcomes, Note = FailureNote(before.Failure, after.Failure) };
    }

    private static string? FailureNote(string? before, string? after) => (before, after) switch
    {
        (null, null) => null,
        (string b, null) => $"failed in BASE: {b}",
        (null, string c) => $"failed in CURRENT: {c}",
        (string b, string c) => $"failed in both: {b} / {c}",
    };

    private static void Validate(ComparisonSettings settings)
    {
        if (settings.Alpha is <= 0 or >= 1 || !double.IsFinite(settings.Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Alpha, "alpha must be between 0 and 1 (exclusive)");
        }

        if (settings.ThresholdPercent < 0 || !double.IsFinite(settings.ThresholdPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.ThresholdPercent, "the threshold must be a percentage of zero or more");
        }

        if (settings.Metrics.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "at least one metric is needed");
        }
    }

    /// <summary>One line per metric that no case has (a BenchmarkDotNet export has time only), else one per case.</summary>
    private static List<string> DescribeSkipped(List<(ComparisonMetric Metric, string Key, string Side)> skipped, int cases, ComparisonSettings settings)
    {
        var lines = new List<string>();
        string instead = settings.StandIn is { } fallback ? $"; compared on {fallback.Name} instead" : string.Empty;
        foreach (var group in skipped.GroupBy(s => s.Metric))
        {
            if (group.Count() == cases && group.All(s => s.Side == "either run"))
            {
                lines.Add($"{group.Key.Name}: no {group.Key.Description} values in either run (all {cases} cases){instead}");
                continue;
            }

            lines.AddRange(group.Select(s => $"{s.Metric.Name} of {s.Key}: no {s.Metric.Description} values in {s.Side}{instead}"));
        }

        return lines;
    }

    private static string MissingSide(MetricComparison outcome) =>
        (outcome.BaseCount, outcome.CurrentCount) switch
        {
            (0, 0) => "either run",
            (0, _) => "BASE",
            _ => "CURRENT",
        };

    private static string Describe(RunSamples run) =>
        run.Cases.Count == 0 ? $"{run.Format}, no cases" : $"{run.Format}, {run.Cases.Count} cases, e.g. {run.Cases[0].Key}";
}
