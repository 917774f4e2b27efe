using System.Globalization;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// A distributed run's placement, for the report and the summary: which host ran what with how
/// many cores, over every case of the run, and every case whose load generator was overloaded
/// (its figures then show the generator's limit, not the server's). Each case's own placement
/// stays in run.json.
/// </summary>
internal static class PlacementTable
{
    public const string Id = "placement";

    /// <summary>The table; null for a run on one host.</summary>
    public static ReportTable? From(RunResult run)
    {
        var placed = run.Cases.Where(c => c.Placement is { Count: > 0 }).ToList();
        if (placed.Count == 0)
        {
            return null;
        }

        var rows = new List<IReadOnlyList<string>>();
        var coordinators = placed.SelectMany(c => c.Placement!).Where(p => p.Role == "coordinator").ToList();
        if (coordinators.Count > 0)
        {
            // bench: each case's benchmark process joins as its coordinator, each from a port of its own.
            var first = coordinators[0];
            string address = coordinators.Select(p => p.Address).Distinct().Count() > 1 ? WithoutPort(first.Address) : first.Address;
            string ran = placed.Count > 1 ? $"{first.Ran} ({placed.Count} cases, one coordinator each)" : first.Ran;
            rows.Add(Row(first with { Address = address, Ran = ran }));
        }

        foreach (var server in placed.SelectMany(c => c.Placement!.Where(p => p.Role == "server").Select(p => (Case: c, Entry: p))).GroupBy(s => s.Entry.Address))
        {
            var entry = server.First().Entry;
            // A run starts one server per case: name the engines rather than one case's command line.
            string ran = placed.Count > 1
                ? "kechobench serve, one per case: " + string.Join(", ", server.Select(s => s.Case.Engine).Distinct().Order(StringComparer.Ordinal))
                : entry.Ran;
            rows.Add(Row(entry with { Ran = ran }));
        }

        foreach (var load in placed[0].Placement!.Where(p => p.Role == "load"))
        {
            rows.Add(Row(load));
        }

        var overloaded = run.Cases
            .SelectMany(c => (c.Agents ?? []).Where(a => a.Overloaded).Select(a => (Case: c, Agent: a)))
            .ToList();
        string overload = overloaded.Count == 0
            ? "No load generator was overloaded (each stayed below 90 % of the cores its event loops could use)."
            : "Overloaded load generators (at least 90 % of their cores busy: these cases measured the generator's limit as much as the server): "
                + string.Join("; ", overloaded.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Case.Scenario}/{o.Case.Engine}/clients={o.Case.Clients} on {o.Agent.Host} ({o.Agent.Address}, {o.Agent.ClientCpuPercent:0} % of a core)"))) + ".";
        return new ReportTable(Id, "Placement", ["role", "host", "address", "cores", "ran"], rows,
        [
            "The server ran on a host of its own; the load came from load agents (--cluster), their histograms merged by addition. Each case's placement and per-agent figures are in run.json (placement, agents).",
            overload,
        ]);
    }

    private static IReadOnlyList<string> Row(PlacementEntry p) =>
        [p.Role, p.Host, p.Address, p.Cores.ToString(CultureInfo.InvariantCulture), p.Ran];

    private static string WithoutPort(string address) =>
        address.LastIndexOf(':') is var colon and > 0 ? address[..colon] : address;
}
