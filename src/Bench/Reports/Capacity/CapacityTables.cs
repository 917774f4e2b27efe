using System.Globalization;
using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>The Capacity section's tables: each engine's maximum sustainable rate per connection count, and the scalability fits.</summary>
internal static class CapacityTables
{
    public const string RatesId = "capacity";
    public const string FitsId = "scalability";

    public static ReportTable? Rates(CapacityResult capacity)
    {
        if (capacity.Searches.Count == 0)
        {
            return null;
        }

        var connections = capacity.Searches.Select(s => s.Connections).Distinct().Order().ToList();
        var engines = EngineStyle.Order(capacity.Searches.Select(s => s.Engine));
        var rows = new List<IReadOnlyList<string>>();
        foreach (string engine in engines)
        {
            foreach (int count in connections)
            {
                if (capacity.Searches.FirstOrDefault(s => s.Engine == engine && s.Connections == count) is not { } search)
                {
                    continue;
                }

                var bound = BoundStep(search);
                rows.Add(
                [
                    engine,
                    ReportFormat.Whole(count),
                    search.MaxSustainableRate is { } rate ? $"{ReportFormat.Whole(rate)} requests/s" : $"none ({search.Note})",
                    search.IntervalLow is { } low && search.IntervalHigh is { } high ? $"{ReportFormat.Whole(low)} – {ReportFormat.Whole(high)}" : "–",
                    string.Join(", ", search.Repetitions.Select(r => r.MaxSustainedRate is { } m ? ReportFormat.Whole(m) : "none")),
                    CapacityKnee.Of(search) is { } knee ? ReportFormat.Whole(knee) : "–",
                    bound is null ? "–" : $"{ReportFormat.Whole(bound.OfferedRate)}/s: {bound.Why}",
                    bound is null ? "–" : $"{(bound.ServerCpuPercent is { } server ? $"{ReportFormat.Whole(server)} %" : "–")} / {ReportFormat.Whole(bound.ClientCpuPercent)} %",
                ]);
            }
        }

        string confidence = (capacity.Searches[0].Confidence * 100).ToString("0", CultureInfo.InvariantCulture);
        return new ReportTable(RatesId, "Capacity", ["engine", "connections", "max sustainable rate", $"{confidence} % interval", "each search", "knee", "what broke first above it", "CPU there: server / load generator"], rows,
        [
            $"Open-loop steps (latency from each request's scheduled time: coordinated omission corrected), doubling from {ReportFormat.Whole(capacity.StartRate)} requests/s until a step fails, then bisected to within {capacity.Precision:P0}. A step is sustained when it delivers at least {capacity.DeliveredShare:P0} of its offered rate, no request fails, and latency keeps the objective {capacity.Objective} (a percentile judged only where the step resolves it: p99.9 needs 1,000 requests). Each step schedules at least {capacity.StepSeconds:0.##} s.",
            $"The rate is the median of {capacity.Searches.Max(s => s.Repetitions.Count)} whole searches, each one's maximum being a rate its own step sustained; the interval is Student's t interval of their mean. The knee is the highest offered rate before p99 first exceeds twice its value at the lowest rate tried. The load generator shares the machine with the server. Its CPU is shown beside the server's at the step that broke (percent of one core; its load loop is one thread): a generator near 100 % there means the rate is the generator's and the machine's as much as the server's, and it moves with the machine's other load from run to run. Every step's CPU is in run.json.",
        ]);
    }

    public static ReportTable? Fits(CapacityResult capacity)
    {
        if (capacity.Fits.Count == 0)
        {
            return null;
        }

        var rows = EngineStyle.Order(capacity.Fits.Select(f => f.Engine))
            .Select(e => capacity.Fits.First(f => f.Engine == e))
            .Select(f => (IReadOnlyList<string>)(f.Note is { } note
                ? [f.Engine, "–", "–", "–", "–", "–", note]
                : [f.Engine, ReportFormat.Whole(f.Lambda), Fixed(f.Sigma, 4), Fixed(f.Kappa * 1e6, 2), Fixed(f.RSquared, 3), Peak(f), PeakAgainstSweep(f)]))
            .ToList();
        return new ReportTable(FitsId, "Scalability (Universal Scalability Law)", ["engine", "λ requests/s per client", "σ contention", "κ coherency (×10⁻⁶)", "R²", "N* peak clients", "peak measured"], rows,
        [
            "X(N) = λN / (1 + σ(N−1) + κN(N−1)) fitted by nonlinear least squares (Levenberg–Marquardt) to the clients scenario's throughput; N* = √((1−σ)/κ) is where the fit peaks. Load points where an engine failed more than 1 % of its requests are left out of its fit. "
            + "An N* beyond the most clients measured is the fit's extrapolation, not a peak the sweep saw: the throughput had not turned down within it, and such an N* moves by orders of magnitude from run to run.",
        ]);
    }

    /// <summary>The failed step just above the reported rate, in the repetition whose maximum is the median (the first repetition when none sustained a rate).</summary>
    private static CapacityStep? BoundStep(CapacitySearchResult search)
    {
        var median = search.Repetitions.FirstOrDefault(r => r.MaxSustainedRate == search.MaxSustainableRate) ?? (search.Repetitions.Count > 0 ? search.Repetitions[0] : null);
        return median?.Steps.Where(s => !s.Sustained && (search.MaxSustainableRate is null || s.OfferedRate > search.MaxSustainableRate)).OrderBy(s => s.OfferedRate).FirstOrDefault();
    }

    /// <summary>N*, marked where it lies past the sweep (extrapolated) or does not exist (κ = 0: throughput never turns down).</summary>
    internal static string Peak(ScalabilityFit fit)
    {
        if (fit.PeakClients is not { } peak)
        {
            return "∞ (κ = 0)";
        }

        int most = fit.Points.Count == 0 ? 0 : fit.Points.Max(p => p.Clients);
        return most > 0 && peak > most
            ? $"beyond the sweep (> {ReportFormat.Whole(most)}; the fit's {ReportFormat.Whole(peak)})"
            : ReportFormat.Whole(peak);
    }

    private static string PeakAgainstSweep(ScalabilityFit fit)
    {
        var best = fit.Points.MaxBy(p => p.RequestsPerSecond);
        return best is null ? "–" : $"{ReportFormat.Whole(best.RequestsPerSecond)} requests/s at {best.Clients} clients";
    }

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
