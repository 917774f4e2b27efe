using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Which figures of a case its measurement can resolve. Server CPU needs a round long enough for
/// its clock (<see cref="CpuFigureRule"/>): over a round of a millisecond the readings' offsets
/// turn noise into "219 % of one core". A percentile needs requests
/// beyond it: p99.9 of 40 requests is only their maximum. Such figures are shown as "–" with
/// the reason, never as a number.
/// </summary>
internal static class FigureResolution
{

    /// <summary>The mean duration of a case's measured rounds (null when it recorded none).</summary>
    public static TimeSpan? MeanRound(CaseResult c)
    {
        if (c.Overall is not { } overall)
        {
            return null;
        }

        int rounds = Math.Max(c.Iterations.Count, 1);
        return TimeSpan.FromSeconds(overall.Seconds / rounds);
    }

    /// <summary>
    /// Why the case has no server CPU figure to show: the reason bench recorded for leaving it out,
    /// or, for a figure recorded over rounds too short for the clock, why it is not shown. Null when
    /// the figure is there and sound, or absent with no reason recorded (a server we do not own: "n/a").
    /// </summary>
    public static string? CpuUnresolved(CaseResult c)
    {
        if (c.Overall is not { } overall)
        {
            return null;
        }

        if (overall.ServerCpuPercent is null)
        {
            return overall.ServerCpuAbsent ?? c.Iterations.Select(i => i.ServerCpuAbsent).FirstOrDefault(why => why is not null);
        }

        // A run recorded before bench left such figures out itself: the same rule, over its rounds.
        return CpuFigureRule.WhyAbsent(TimeSpan.FromSeconds(overall.Seconds), Math.Max(c.Iterations.Count, 1), CpuFigureRule.CpuClockStep, "the CPU clock");
    }

    /// <summary>The server CPU % of a case, or null when there is none or it cannot be resolved.</summary>
    public static double? ServerCpuPercent(CaseResult c) => CpuUnresolved(c) is null ? c.Overall?.ServerCpuPercent : null;

    /// <summary>The server CPU µs per request of a case, or null when there is none or it cannot be resolved.</summary>
    public static double? ServerCpuUsPerRequest(CaseResult c) => CpuUnresolved(c) is null ? c.Overall?.ServerCpuUsPerRequest : null;

    /// <summary>
    /// Why a percentile of <paramref name="count"/> requests cannot be told from the maximum, or null
    /// when it can: with no request beyond it, the percentile is the maximum under another name.
    /// </summary>
    public static string? PercentileUnresolved(long count, double percentile) =>
        LatencySummary.CountBeyond(count, percentile) >= 1 ? null
        : $"{ReportFormat.Whole(count)} requests: {Needs(percentile)}";

    /// <summary>How many requests a percentile needs for one to lie beyond it: "p99.9 needs 1,000".</summary>
    public static string Needs(double percentile) =>
        $"p{percentile.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} needs {ReportFormat.Whole(Math.Round(100 / (100 - percentile)))}";
}
