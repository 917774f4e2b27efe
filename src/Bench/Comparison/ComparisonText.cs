using System.Globalization;
using KEchoBench.Bench.Formatting;

namespace KEchoBench.Bench.Comparison;

/// <summary>Numbers and sentences shared by the console table and the Markdown file, so that both say the same thing.</summary>
internal static class ComparisonText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Four significant digits, never in exponent form for the latencies and rates this tool prints.</summary>
    public static string Value(double value) =>
        !double.IsFinite(value) ? "-" : Math.Abs(value) >= 1000 ? value.ToString("F0", Invariant) : value.ToString("G4", Invariant);

    /// <summary>Current/base as a factor and as a change: "1.300× (+30.0%)".</summary>
    public static string Ratio(double ratio) =>
        double.IsFinite(ratio) ? $"{RatioText.Of(ratio, 3)} ({(ratio - 1).ToString("+0.0%;-0.0%;0.0%", Invariant)})" : RatioText.Of(ratio);

    public static string PValue(double p) =>
        !double.IsFinite(p) ? "-" : p >= 0.001 ? p.ToString("F4", Invariant) : p.ToString("0.0E+0", Invariant);

    public static string Counts(MetricComparison m) => $"{m.BaseCount}/{m.CurrentCount}";

    public static string Spreads(MetricComparison m) => $"{Percent(m.BaseSpread)}/{Percent(m.CurrentSpread)}";

    /// <summary>A warning when iterations scatter more than the threshold, or null.</summary>
    public static string? Noise(ComparisonReport report)
    {
        var noisy = report.Noisy.ToList();
        if (noisy.Count == 0)
        {
            return null;
        }

        double worst = noisy.Max(n => Math.Max(Finite(n.Metric.BaseSpread), Finite(n.Metric.CurrentSpread)));
        return $"noisy: in {noisy.Count} of {report.Cases.Sum(c => c.Metrics.Count)} case-metrics the iterations scatter by more than twice the "
            + $"{report.Settings.ThresholdPercent.ToString("0.##", Invariant)}% threshold (up to {Percent(worst)}): there a 'same' can hide a real slowdown; "
            + "use more iterations, alternate base and head runs, or a quieter machine (docs/ci.md)";
    }

    private static string Percent(double ratio) => double.IsFinite(ratio) ? ratio.ToString("0.0%", Invariant) : "-";

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    public static string Method(ComparisonSettings settings) =>
        $"one-sided Mann–Whitney U on per-iteration samples (Perfolizer), threshold {settings.ThresholdPercent.ToString("0.##", Invariant)}%, alpha {settings.Alpha.ToString("0.####", Invariant)}";

    public static string Source(RunSamples run) => $"{run.Source} ({Description(run)})";

    /// <summary>Format and case count, and any work injected on purpose (a deliberately slowed run must never pass for a normal one).</summary>
    public static string Description(RunSamples run) =>
        $"{run.Format}, {run.Cases.Count} cases" + (run.InjectedWork.Count > 0 ? $"; injected work: {string.Join(", ", run.InjectedWork)}" : string.Empty);

    public static string GeometricMeans(ComparisonReport report) =>
        report.GeometricMeans.Count == 0
            ? "geometric mean of ratios: no ratio to summarise"
            : "geometric mean of ratios (current/base): " + string.Join(", ",
                report.GeometricMeans.Select(g => $"{g.Metric.Name} {Ratio(g.Ratio)} over {g.Cases} cases{(g.Metric.HigherIsBetter ? " (higher is better)" : string.Empty)}"));

    public static string TooFewSamples(ComparisonReport report)
    {
        var sizes = report.Cases.SelectMany(c => c.Metrics)
            .Where(m => m.Verdict == Verdict.TooFewSamples)
            .Select(m => (m.BaseCount, m.CurrentCount, m.SmallestPossiblePValue))
            .Distinct()
            .Select(s => $"{s.BaseCount} vs {s.CurrentCount} iterations cannot give p below {PValue(s.SmallestPossiblePValue)}");
        return $"too few samples: {string.Join("; ", sizes)}, so nothing can be shown at alpha {report.Settings.Alpha.ToString("0.####", Invariant)}; run more iterations (at least 4 per side for alpha 0.05, 10 recommended)";
    }

    /// <summary>The last line: the decision and why.</summary>
    public static string Conclusion(ComparisonReport report)
    {
        var regressions = report.Regressions.ToList();
        string threshold = report.Settings.ThresholdPercent.ToString("0.##", Invariant);
        return regressions.Count == 0
            ? $"no regression beyond {threshold}% ({report.Cases.Count} cases compared)"
            : $"REGRESSION: {regressions.Count} slower beyond {threshold}%: "
                + string.Join(", ", regressions.Select(r => $"{r.Case.Key} {r.Metric.Metric.Name} {Ratio(r.Metric.Ratio)}"));
    }
}
