using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// A run with <c>--yardsticks</c>: each engine's case beside the same case of the native server of
/// its model, as ratios engine / native. A ratio near 1 says the engine costs what its model costs;
/// the distance from 1 is the implementation's (.NET, its runtime, the engine's code), not the model's.
/// </summary>
internal static class YardstickTable
{
    public const string Id = "yardsticks";

    /// <summary>The table; null when the run has no native case with its engine's same case beside it.</summary>
    public static ReportTable? From(RunResult run)
    {
        var byKey = run.Cases.Where(c => c.Overall is not null).ToDictionary(c => c.Key, StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var native in run.Cases.Where(c => NativeYardsticks.IsNative(c.Engine) && c.Overall is not null))
        {
            if (NativeYardsticks.ModelOf(native.Engine[NativeYardsticks.Prefix.Length..]) is not { } model
                || !byKey.TryGetValue((native with { Engine = model.Name }).Key, out var engine))
            {
                continue;
            }

            var e = engine.Overall!;
            var n = native.Overall!;
            rows.Add(
            [
                native.Scenario,
                native.Clients.ToString(System.Globalization.CultureInfo.InvariantCulture),
                model.Name,
                native.Engine,
                Ratio(e.RequestsPerSecond, n.RequestsPerSecond),
                Ratio(e.ServerCpuUsPerRequest, n.ServerCpuUsPerRequest),
                $"{ReportFormat.OneDecimal(e.ServerCpuUsPerRequest)} / {ReportFormat.OneDecimal(n.ServerCpuUsPerRequest)}",
                Ratio(e.Latency.P99Us, n.Latency.P99Us),
            ]);
        }

        return rows.Count == 0
            ? null
            : new ReportTable(Id, "Engines against the native server of their model (--yardsticks)",
                ["scenario", "clients", "engine", "native", "req/s engine / native", "server CPU per request engine / native", "server CPU µs per request engine / native", "p99 engine / native"],
                rows,
                [
                    "Each engine's case against the same case of the C server of its model (scripts/yardsticks), measured in the same run and the same way (the server's CPU from its process). Over 1 for req/s, under 1 for CPU and p99, favours the engine.",
                    "The native servers do no per-request work, so they sit out the scenarios that ask for some (blocking, cpu); the ratios are of one run's figures, with that run's noise (docs/performance.md measures the pairs interleaved, over rounds).",
                ]);
    }

    private static string Ratio(double? engine, double? native) =>
        engine is { } e && native is { } n && n > 0 && double.IsFinite(e / n) ? RatioText.Of(e / n) : "n/a";
}
