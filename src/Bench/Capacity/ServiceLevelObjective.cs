using System.Globalization;
using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// The latency a capacity step must keep to count as sustained, written <c>p99=10ms</c> or
/// <c>p99=10ms,p99.9=50ms</c>. A term is judged only where the step holds enough requests to
/// resolve its percentile (at least one request beyond it: p99.9 needs 1,000), the rule the report
/// uses for every percentile; a term the step cannot resolve is left out of that step's judgement.
/// </summary>
internal sealed record ServiceLevelObjective(IReadOnlyList<LatencyObjective> Terms)
{
    public const string Syntax = "pNN=DURATION terms, comma-separated (e.g. p99=10ms or p99=10ms,p99.9=50ms; percentiles 50–99.99)";

    /// <summary>
    /// p99 within 10 ms, p99.9 within 50 ms. 10 ms is five times the p99 every engine but the
    /// workqueue kept at 20,000 requests/s over 50 connections in the committed quick run (about 2 ms),
    /// so a step fails on queueing, not on the machine's ordinary noise; p99.9 gets 50 ms because on a
    /// shared 2-core machine one request in a thousand can wait out another process's time slice
    /// (several ms) however lightly the server is loaded.
    /// </summary>
    public static ServiceLevelObjective Default { get; } = Parse("p99=10ms,p99.9=50ms");

    public static ServiceLevelObjective Parse(string text) =>
        TryParse(text, out var slo, out string error) ? slo! : throw new FormatException(error);

    public static bool TryParse(string? text, out ServiceLevelObjective? objective, out string error)
    {
        objective = null;
        error = string.Empty;
        var terms = new List<LatencyObjective>();
        foreach (string raw in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = raw.IndexOf('=', StringComparison.Ordinal);
            if (equals < 2 || raw[0] is not ('p' or 'P')
                || !double.TryParse(raw[1..equals], NumberStyles.Float, CultureInfo.InvariantCulture, out double percentile)
                || percentile is < 50 or > 99.99)
            {
                error = $"'{raw}': expected {Syntax}";
                return false;
            }

            if (!DurationParser.TryParse(raw[(equals + 1)..], out var limit, out string durationError) || limit <= TimeSpan.Zero)
            {
                error = $"'{raw}': {(durationError.Length > 0 ? durationError : "the limit must be positive")}";
                return false;
            }

            if (terms.Any(t => t.Percentile == percentile))
            {
                error = $"'{raw}': p{Format(percentile)} is given twice";
                return false;
            }

            terms.Add(new LatencyObjective(percentile, limit));
        }

        if (terms.Count == 0)
        {
            error = $"no objective given; expected {Syntax}";
            return false;
        }

        objective = new ServiceLevelObjective([.. terms.OrderBy(t => t.Percentile)]);
        return true;
    }

    /// <summary>The terms that <paramref name="latency"/> breaks, among those it holds enough requests to resolve.</summary>
    public IEnumerable<string> Breaches(LatencySummary latency)
    {
        foreach (var term in Terms)
        {
            if (latency.CountBeyond(term.Percentile) < 1)
            {
                continue; // the percentile would be the maximum under another name
            }

            double us = ValueAt(latency, term.Percentile);
            if (us > term.Limit.TotalMicroseconds)
            {
                yield return $"p{Format(term.Percentile)} {LatencyText.Of(us)} > {LatencyText.Of(term.Limit.TotalMicroseconds)}";
            }
        }
    }

    /// <summary>The latency summary's value at one of the percentiles it keeps (50, 90, 99, 99.9, 99.99); the nearest kept one above otherwise.</summary>
    public static double ValueAt(LatencySummary latency, double percentile) => percentile switch
    {
        <= 50 => latency.P50Us,
        <= 90 => latency.P90Us,
        <= 99 => latency.P99Us,
        <= 99.9 => latency.P999Us,
        _ => latency.P9999Us,
    };

    public override string ToString() => string.Join(",", Terms.Select(t => $"p{Format(t.Percentile)}={FormatLimit(t.Limit)}"));

    private static string Format(double percentile) => percentile.ToString("0.##", CultureInfo.InvariantCulture);

    private static string FormatLimit(TimeSpan limit) =>
        limit.TotalMilliseconds >= 1 ? $"{limit.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms"
        : $"{limit.TotalMicroseconds.ToString("0.###", CultureInfo.InvariantCulture)}us";
}
