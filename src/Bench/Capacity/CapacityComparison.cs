using System.Globalization;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>One engine and connection count's maximum sustainable rate in two runs, and whether it fell.</summary>
internal sealed record CapacityComparison(string Engine, int Connections, double? Base, double? Current, bool Regression, string Text)
{
    /// <summary>
    /// Compares the capacity searches the two runs share. A fall is a regression when the current
    /// median is more than <paramref name="thresholdPercent"/> below the base's and every current
    /// search found less than every base search: with three searches a side that complete
    /// separation is what a one-sided rank test needs to reach p = 1/20 = 0.05, the least it can
    /// give; the interval of the mean, at 4.3 standard errors, would almost never separate.
    /// A rate the base sustained that the current run sustains at no step is a regression too.
    /// </summary>
    public static IReadOnlyList<CapacityComparison> Of(CapacityResult? before, CapacityResult? after, double thresholdPercent)
    {
        if (before is null || after is null)
        {
            return [];
        }

        var list = new List<CapacityComparison>();
        foreach (var b in before.Searches)
        {
            if (after.Searches.FirstOrDefault(a => a.Engine == b.Engine && a.Connections == b.Connections) is { } a)
            {
                list.Add(Between(b, a, thresholdPercent));
            }
        }

        return list;
    }

    /// <summary>
    /// One engine and connection count: the base's searches <paramref name="b"/> against the
    /// current ones <paramref name="a"/>, by the rule above. <c>compare</c> takes them from two
    /// runs, <c>ab --capacity</c> from searches it interleaved on two builds' servers.
    /// </summary>
    public static CapacityComparison Between(CapacitySearchResult b, CapacitySearchResult a, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(a);
        string name = $"capacity/{b.Engine}/connections={b.Connections}";
        if (b.MaxSustainableRate is not { } baseRate)
        {
            return new(b.Engine, b.Connections, null, a.MaxSustainableRate, false, $"{name}: BASE sustained no rate; not compared");
        }

        if (a.MaxSustainableRate is not { } currentRate)
        {
            return new(b.Engine, b.Connections, baseRate, null, true, $"{name}: REGRESSION: BASE sustained {Whole(baseRate)} requests/s, CURRENT none ({a.Note})");
        }

        double change = (currentRate / baseRate) - 1;
        var baseMaxima = b.Repetitions.Select(r => r.MaxSustainedRate ?? 0).ToList();
        var currentMaxima = a.Repetitions.Select(r => r.MaxSustainedRate ?? 0).ToList();
        bool separated = currentMaxima.Count > 0 && baseMaxima.Count > 0 && currentMaxima.Max() < baseMaxima.Min();
        bool regression = change < -thresholdPercent / 100 && separated;
        string verdict = regression ? "REGRESSION" : change > thresholdPercent / 100 && currentMaxima.Min() > baseMaxima.Max() ? "faster" : "no significant change";
        return new(b.Engine, b.Connections, baseRate, currentRate, regression,
            $"{name}: {verdict}: max sustainable rate {Whole(baseRate)} -> {Whole(currentRate)} requests/s ({change:+0.0%;-0.0%}); searches {string.Join(", ", baseMaxima.Select(Whole))} -> {string.Join(", ", currentMaxima.Select(Whole))}");
    }

    private static string Whole(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
