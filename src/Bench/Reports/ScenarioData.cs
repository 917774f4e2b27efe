using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>The cases of one scenario, split into measured and failed, and grouped into <see cref="Series"/>.</summary>
internal sealed class ScenarioData
{
    private ScenarioData(string name, IReadOnlyList<CaseResult> measured, IReadOnlyList<CaseResult> failed,
        IReadOnlyList<string> varyingParameters, IReadOnlyList<Series> series, IReadOnlyList<string> engines)
    {
        Name = name;
        Measured = measured;
        Failed = failed;
        VaryingParameters = varyingParameters;
        Series = series;
        Engines = engines;
    }

    public string Name { get; }

    /// <summary>Cases that ran and have overall figures, engines in <see cref="EngineStyle"/> order, then by clients.</summary>
    public IReadOnlyList<CaseResult> Measured { get; }

    /// <summary>Cases that could not run, or ran without producing figures.</summary>
    public IReadOnlyList<CaseResult> Failed { get; }

    /// <summary>Parameters whose value differs between cases of this scenario (they split series and get table columns).</summary>
    public IReadOnlyList<string> VaryingParameters { get; }

    public IReadOnlyList<Series> Series { get; }

    /// <summary>Engines with at least one measured case, in <see cref="EngineStyle"/> order.</summary>
    public IReadOnlyList<string> Engines { get; }

    /// <summary>The distinct client counts measured, ascending.</summary>
    public IReadOnlyList<int> ClientCounts => [.. Measured.Select(c => c.Clients).Distinct().Order()];

    /// <summary>The measured case of an engine at a client count (the first series' if the scenario varies a parameter).</summary>
    public CaseResult? At(string engine, int clients) =>
        Series.Where(s => s.Engine == engine).SelectMany(s => s.Cases).FirstOrDefault(c => c.Clients == clients);

    public static IReadOnlyList<ScenarioData> From(RunResult run)
    {
        var order = EngineStyle.Order(run.Cases.Select(c => c.Engine));
        return [.. ScenarioCatalog.Order(run.Cases.Select(c => c.Scenario))
            .Select(name => Build(name, [.. run.Cases.Where(c => c.Scenario == name && InView(c))], order))];
    }

    /// <summary>
    /// The kecho telnet scenario is drawn and tabled as its sweep of clients at one request count;
    /// its grid (which mixes request counts at one client count) has a table of its own.
    /// </summary>
    private static bool InView(CaseResult c) =>
        c.Scenario != ScenarioCatalog.KechoTelnet || c.Sets.Count == 0 || c.Sets.Contains(KechoCases.SweepSet);

    private static ScenarioData Build(string name, IReadOnlyList<CaseResult> cases, IReadOnlyList<string> engineOrder)
    {
        static bool HasFigures(CaseResult c) => c.Failure is null && c.Overall is not null;

        var measured = cases.Where(HasFigures)
            .OrderBy(c => IndexIn(engineOrder, c.Engine)).ThenBy(c => c.Clients).ToList();
        var failed = cases.Where(c => !HasFigures(c)).ToList();

        var varying = cases.SelectMany(c => c.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(key => cases.Select(c => c.Parameters.GetValueOrDefault(key) ?? string.Empty).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToList();

        var series = measured
            .GroupBy(c => (c.Engine, Split: string.Join(", ", varying.Select(k => $"{k}={c.Parameters.GetValueOrDefault(k) ?? "-"}"))))
            .Select(g => new Series(g.Key.Split.Length == 0 ? g.Key.Engine : $"{g.Key.Engine} ({g.Key.Split})", g.Key.Engine,
                [.. g.OrderBy(c => c.Clients)]))
            .ToList();

        var engines = engineOrder.Where(e => measured.Any(c => c.Engine == e)).ToList();
        return new ScenarioData(name, measured, failed, varying, series, engines);
    }

    private static int IndexIn(IReadOnlyList<string> order, string engine)
    {
        for (int i = 0; i < order.Count; i++)
        {
            if (order[i] == engine)
            {
                return i;
            }
        }

        return order.Count;
    }
}
