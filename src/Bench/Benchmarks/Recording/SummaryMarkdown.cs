using System.Globalization;
using System.Text;
using KEchoBench.Bench.Benchmarks.Scenarios;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Recording;

/// <summary>
/// <c>summary.md</c>: one plain table per scenario with the suite's columns, readable without
/// BenchmarkDotNet's exports (and the first thing to paste into a pull request).
/// </summary>
internal static class SummaryMarkdown
{
    public const string FileName = "summary.md";

    public static string Render(RunResult run)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# kechobench bench — profile {run.Profile}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{run.Started:yyyy-MM-dd HH:mm:ss} UTC, {(run.Finished - run.Started).TotalSeconds:0} s; {run.Environment.CpuModel}, {run.Environment.Cores} cores, {run.Environment.Os}, {run.Environment.DotNet}.");
        text.AppendLine("Latency in µs per request (round trip); CPU % of one core; Srv = the echo server's process, Cli = the load generator.");

        var order = ScenarioTypes.Names.ToList();
        foreach (var scenario in run.Cases.GroupBy(c => c.Scenario).OrderBy(g => order.IndexOf(g.Key) is var i && i < 0 ? int.MaxValue : i))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"## {scenario.Key}");
            text.AppendLine();
            text.AppendLine("| Engine | Clients | Requests | Parameters | Mean | p50 | p99 | p99.9 | Max | Req/s | Srv CPU % | Srv µs/req | Cli CPU % | Srv threads | Srv RSS MB | Errors |");
            text.AppendLine("|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var c in scenario)
            {
                string parameters = string.Join(", ", c.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
                string head = $"| {c.Engine} | {c.Clients} | {c.Requests} | {parameters} ";
                if (c.Failure is not null || c.Overall is null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{head}| failed: {Escape(c.Failure ?? "no measured round")} |||||||||||");
                    continue;
                }

                var o = c.Overall;
                var l = o.Latency;
                string errors = c.ErrorsByKind.Count == 0
                    ? N(o.Errors, "N0")
                    : $"{N(o.Errors, "N0")} ({string.Join(", ", c.ErrorsByKind.Select(e => $"{e.Key} {e.Value}"))})";
                // No completed request (a starved engine): no latency to show, rather than zeros.
                string latency = l.Count == 0
                    ? "– | – | – | – | –"
                    : $"{N(l.MeanUs)} | {N(l.P50Us)} | {N(l.P99Us)} | {N(l.P999Us)} | {N(l.MaxUs)}";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{head}| {latency} | {N(o.RequestsPerSecond, "N0")} | {N(o.ServerCpuPercent)} | {N(o.ServerCpuUsPerRequest, "N2")} | {N(o.ClientCpuPercent)} | {N(o.ServerThreads, "N0")} | {N(o.ServerRssBytes / 1048576.0)} | {errors} |");
            }
        }

        var failed = run.Cases.Where(c => c.Failure is not null).ToList();
        if (failed.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Cases that could not run");
            text.AppendLine();
            foreach (var c in failed)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {c.Key}: {c.Failure}");
            }
        }

        return text.ToString();
    }

    public static void Write(RunResult run, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(run));

    private static string N(double? value, string format = "N1") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
