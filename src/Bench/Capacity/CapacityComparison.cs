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
            if (after.Searches.FirstOrDefault(a => a.Engine == b.Engine && a.Connections == b.Connections) is not { } a)
            {
                continue;
            }

            string name = $"capacity/{b.Engine}/connections={b.Connections}";
            if (b.MaxSustainableRate is not { } baseRate)
            {
                list.Add(new(b.Engine, b.Connections, null, a.MaxSustainableRate, false, $"{name}: BASE sustained no rate; not compared"));
                continue;
            }

            if (a.MaxSustainableRate is not { } currentRate)
            {
                list.Add(new(b.Engine, b.Connections, baseRate, null, true, $"{name}: REGRESSION: BASE sustained {Whole(baseRate)} requests/s, CURRENT none ({a.Note})"));
                continue;
            }

            double change = (currentRate / baseRate) - 1;
            var baseMaxima = b.Repetitions.Select(r => r.MaxSustainedRate ?? 0).ToList();
            var currentMaxima = a.Repetitions.Select(r => r.MaxSustainedRate ?? 0).ToList();
            bool separated = currentMaxima.Count > 0 && baseMaxima.Count > 0 && currentMaxima.Max() < baseMaxima.Min();
            bool regression = change < -thresholdPercent / 100 && separated;
            string verdict = regression ? "REGRESSION" : change > thresholdPercent / 100 && currentMaxima.Min() > baseMaxima.Max() ? "faster" : "no significant change";
            list.Add(new(b.Engine, b.Connections, baseRate, currentRate, regression,
                $"{name}: {verdict}: max sustainable rate {Whole(baseRate)} -> {Whole(currentRate)} requests/s ({change:+0.0%;-0.0%}); searches {string.Join(", ", baseMaxima.Select(Whole))} -> {string.Join(", ", currentMaxima.Select(Whole))}"));
        }

        return list;
    }

    private static string Whole(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
