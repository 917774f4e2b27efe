using System.Globalization;
using KEchoBench.Bench.Formatting;

namespace KEchoBench.Bench.Gate;

/// <summary>The A/B run as plain text: one table per case, then the verdict.</summary>
internal static class AbConsoleRenderer
{
    public static void WriteCase(AbCaseResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        int headFirst = result.Pairs.Count(p => p.HeadFirst);
        output.WriteLine(Invariant($"{result.Engine}, {result.Clients} clients: {result.Pairs.Count} pairs ({result.Pairs.Count - headFirst} AB, {headFirst} BA) over {result.Restarts} server starts; open loop at {result.OfferedRate:0} req/s"));
        output.WriteLine("  metric   ratio head/base   interval          p        margin   outcome");
        foreach (var m in result.Decision.Metrics)
        {
            output.WriteLine(Invariant($"  {m.Metric,-7}  {Ratio(m.MedianRatio),8}          [{Ratio(m.IntervalLow)}, {Ratio(m.IntervalHigh)}]  {m.PValue,-7:0.0000}  {m.Margin * 100,4:0}%    {Name(m.Outcome)}"));
        }

        if (result.StealFlagged is { Count: > 0 } flagged)
        {
            output.WriteLine($"  steal time jumped in pairs {string.Join(", ", flagged)}: the hypervisor took CPU time during them; left out of the decision");
        }

        output.WriteLine($"  => {Name(result.Decision.Outcome)}");
        output.WriteLine();
    }

    /// <summary>One engine's capacity comparison (<c>ab --capacity</c>): compare's line for it, and the outcome.</summary>
    public static void WriteCapacity(AbCapacityResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        int headFirst = result.HeadFirst.Count(h => h);
        output.WriteLine(Invariant($"{result.Engine}, capacity at {result.Connections} connections: {result.HeadFirst.Count} searches a side ({result.HeadFirst.Count - headFirst} AB, {headFirst} BA), a server started for each"));
        output.WriteLine($"  {result.Verdict}");
        output.WriteLine($"  => {Name(result.Outcome)}");
        output.WriteLine();
    }

    public static void WriteVerdict(AbRunResult run, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        // One entry per engine: the paired metrics that were slower, then "capacity" when its searches were.
        var slower = run.Cases.Select(c => c.Engine).Concat(run.Capacity.Select(c => c.Engine)).Distinct()
            .Select(engine => (Engine: engine, Metrics: run.Cases.Where(c => c.Engine == engine).SelectMany(c => c.Decision.Metrics).Where(m => m.Outcome == GateOutcome.Slower).Select(m => m.Metric)
                .Concat(run.Capacity.Where(c => c.Engine == engine && c.Outcome == GateOutcome.Slower).Select(_ => "capacity")).ToList()))
            .Where(e => e.Metrics.Count > 0)
            .Select(e => e.Engine + ": " + string.Join(",", e.Metrics));
        output.WriteLine(run.Outcome switch
        {
            GateOutcome.Slower => "verdict: slower (" + string.Join(", ", slower) + ")",
            GateOutcome.Undecided => "verdict: undecided (no metric slower, but not every metric could be shown to be within its margin at the pair cap)",
            _ => "verdict: same (every metric within its margin)",
        });
    }

    public static string Name(GateOutcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>A paired ratio with compare's three decimals: the gate's margins are a few percent.</summary>
    private static string Ratio(double ratio) => RatioText.Of(ratio, 3);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
