using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// One figure the A/B gate compares, per request where it is a count (lower is better for all), and
/// how (<see cref="GateUse"/>: its round, margin factor, floor and place). The figures a round measures
/// are the catalog's entries that have a <see cref="IterationMetric.Gate"/> (<see cref="Metrics"/>),
/// computed as the catalog defines them (<see cref="FromCatalog"/>); the rest (<see cref="Reads"/>,
/// <see cref="Writes"/>, <see cref="Allocated"/>) are the gate's own: see <see cref="GateOnly"/>.
/// </summary>
/// <param name="Figure">The catalog's entry; null for a figure of the gate's own.</param>
internal sealed record GateMetric(string Name, string Description, GateUse Use, IterationMetric? Figure = null)
{
    /// <summary>Scales the run's margin for this figure.</summary>
    public double MarginFactor => Use.MarginFactor;

    /// <summary>Added to both sides of the figure's ratio (<see cref="GateUse.Floor"/>).</summary>
    public double Floor => Use.Floor;

    /// <summary>The catalog's <c>time</c> over the closed-loop round.</summary>
    public static GateMetric Time { get; } = Of(Metrics.Time);

    /// <summary>The catalog's <c>p99</c> over the open-loop round (from the intended send time).</summary>
    public static GateMetric P99 { get; } = Of(Metrics.P99);

    /// <summary>The catalog's <c>cpu</c> over the closed-loop round (the server's CPU clock at the round's edges).</summary>
    public static GateMetric Cpu { get; } = Of(Metrics.ServerCpuPerRequest);

    /// <summary>The catalog's <c>vcsw</c> over the closed-loop round (the server's threads read at its edges).</summary>
    public static GateMetric Voluntary { get; } = Of(AttributionMetrics.VoluntarySwitches);

    /// <summary>The catalog's <c>ivcsw</c> over the closed-loop round.</summary>
    public static GateMetric Involuntary { get; } = Of(AttributionMetrics.InvoluntarySwitches);

    /// <summary>The catalog's <c>runq</c> over the closed-loop round.</summary>
    public static GateMetric RunQueueWait { get; } = Of(AttributionMetrics.RunQueueWait);

    public static GateMetric Reads { get; } = new("syscr", "read system calls of the server per request (/proc/PID/io syscr)", new(GateRound.Closed, "closed loop", 1, 70));

    public static GateMetric Writes { get; } = new("syscw", "write system calls of the server per request (/proc/PID/io syscw)", new(GateRound.Closed, "closed loop", 1, 80));

    public static GateMetric Allocated { get; } = new(
        "alloc", "bytes the server allocated per request (a server that reports them: kechobench serve, on SIGUSR1)", new(GateRound.Closed, "closed loop", 1, 90) { Floor = 1 });

    /// <summary>
    /// The gate's figures that are not the catalog's, because no round measures them: the server's
    /// read and write system calls (<c>/proc/PID/io</c>, read around the closed round) and the bytes
    /// it allocated (its answer to SIGUSR1, asked around the closed round). bench, load and compare
    /// have no such figure of an iteration; <see cref="AbServer"/> fills them in itself.
    /// </summary>
    public static IReadOnlyList<GateMetric> GateOnly { get; } = [Reads, Writes, Allocated];

    // The catalog's figures and the gate's own, in order, made again only when the catalog is another
    // list (a test added a figure). Declared after GateOnly, which it reads.
    private static readonly CatalogView<GateMetric> View = new(
        () => Metrics.All, catalog => [.. catalog.Where(m => m.Gate is not null).Select(Of).Concat(GateOnly).OrderBy(m => m.Use.Order)]);

    /// <summary>Every figure the gate compares, by <see cref="GateUse.Order"/>: the catalog's with a <see cref="IterationMetric.Gate"/>, then (by their places) the gate's own.</summary>
    public static IReadOnlyList<GateMetric> All => View.Items;

    /// <summary>
    /// The figures the gate shares with bench, compare and the report, computed as the catalog
    /// defines them from a side's closed-loop and open-loop rounds: NaN where a round has none, left
    /// out where the round did not measure it (<see cref="GateUse.Measured"/>).
    /// </summary>
    public static Dictionary<string, double> FromCatalog(IterationResult closed, IterationResult open)
    {
        var values = new Dictionary<string, double>();
        foreach (var metric in All)
        {
            if (metric.Figure is not { } figure)
            {
                continue;
            }

            var round = metric.Use.Round == GateRound.Open ? open : closed;
            if (metric.Use.Measured is { } measured && !measured(round))
            {
                continue;
            }

            values[metric.Name] = figure.ValueOf(round) ?? double.NaN;
        }

        return values;
    }

    /// <summary>A catalog entry as the gate's: its name, and its words followed by the round's and its unit.</summary>
    private static GateMetric Of(IterationMetric metric)
    {
        var use = metric.Gate ?? throw new ArgumentException($"{metric.Name} is not a figure the gate compares (no GateUse)", nameof(metric));
        return new(metric.Name, $"{metric.Description}, {use.RoundWords} ({metric.Unit})", use, metric);
    }
}
