using System.Globalization;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// A distributed run's placement in the report: which host ran what with how many cores (the
/// first case's; every case of a run uses the same agents), and every case whose load generator
/// was overloaded (its figures then show the generator's limit, not the server's).
/// </summary>
internal static class PlacementSection
{
    /// <summary>The section's lines in Markdown; empty for a run on one host.</summary>
    public static IReadOnlyList<string> Lines(RunResult run)
    {
        var placed = run.Cases.FirstOrDefault(c => c.Placement is { Count: > 0 });
        if (placed is null)
        {
            return [];
        }

        var lines = new List<string>
        {
            "The server ran on a host of its own; the load came from load agents (`--cluster`), their histograms merged by addition.",
            string.Empty,
            "| role | host | address | cores | ran |",
            "| --- | --- | --- | --- | --- |",
        };
        lines.AddRange(placed.Placement!.Select(p => string.Create(CultureInfo.InvariantCulture, $"| {p.Role} | {p.Host} | {p.Address} | {p.Cores} | {p.Ran.Replace("|", "\\|", StringComparison.Ordinal)} |")));
        lines.Add(string.Empty);
        var overloaded = run.Cases
            .SelectMany(c => (c.Agents ?? []).Where(a => a.Overloaded).Select(a => (Case: c, Agent: a)))
            .ToList();
        lines.Add(overloaded.Count == 0
            ? "No load generator was overloaded (each stayed below 90 % of the cores its event loops could use)."
            : "Overloaded load generators (at least 90 % of their cores busy: these cases measured the generator's limit as much as the server): "
                + string.Join("; ", overloaded.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Case.Scenario}/{o.Case.Engine}/clients={o.Case.Clients} on {o.Agent.Host} ({o.Agent.Address}, {o.Agent.ClientCpuPercent:0} % of a core)"))) + ".");
        return lines;
    }
}
