using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>The kecho profile's telnet grid table and how its telnet scenario is drawn (the sweep only).</summary>
public sealed class KechoGridTableTests
{
    private static CaseResult Telnet(string engine, int clients, int requests, double roundSeconds, params string[] sets)
    {
        var c = Case(KechoCases.TelnetScenario, engine, clients, meanUs: 1000 * clients, maxUs: 5000 * clients, roundSeconds: roundSeconds,
            requests: clients * requests * 5, sets: sets, requestsPerClient: requests);
        return c with
        {
            Overall = c.Overall! with
            {
                Connect = new LatencySummary { Count = clients * 5, MeanUs = 300, MaxUs = 2000 },
                ClientsServed = (clients * 5) - 2,
                ClientsFailed = 2,
                Errors = 2,
            },
        };
    }

    [Fact]
    public void The_grid_shows_seconds_per_test_per_request_latency_connect_time_and_clients_served()
    {
        var run = Run("kecho", Telnet("thread", 20, 20, 0.25, KechoCases.GridSet, KechoCases.SweepSet), Telnet("thread", 40, 5, 0.5, KechoCases.GridSet),
            Telnet("thread", 10, 20, 0.1, KechoCases.SweepSet));

        var table = KechoGridTable.From(run)!;

        Assert.Equal(["20 × 20", "40 × 5"], table.Rows.Select(r => r[0]));
        var row = table.Rows[1];
        string Column(string name) => row[table.Columns.ToList().IndexOf(name)];
        Assert.Equal("0.500", Column("seconds per test"));
        Assert.Equal("5", Column("repeats"));
        Assert.Equal("40.0 ms", Column("mean"));
        Assert.Equal("300 µs", Column("connect mean"));
        Assert.Equal("198 of 200", Column("clients served"));
        Assert.Equal("2", Column("round trips failed"));
    }

    [Fact]
    public void Where_a_round_repeated_the_test_seconds_per_test_is_the_share_of_one_test()
    {
        var c = Telnet("thread", 20, 20, 0.5, KechoCases.GridSet);
        c = c with { Overall = c.Overall! with { Repeats = 10 } }; // 5 rounds of 0.5 s, two tests each

        var row = KechoGridTable.From(Run("kecho", c))!;

        Assert.Equal("0.250", row.Rows[0][row.Columns.ToList().IndexOf("seconds per test")]);
        Assert.Equal("10", row.Rows[0][row.Columns.ToList().IndexOf("repeats")]);
    }

    [Fact]
    public void The_telnet_scenario_is_drawn_as_its_sweep_and_the_grid_follows_its_table()
    {
        var run = Run("kecho", Telnet("thread", 20, 20, 0.25, KechoCases.GridSet, KechoCases.SweepSet), Telnet("thread", 40, 5, 0.5, KechoCases.GridSet),
            Telnet("thread", 10, 20, 0.1, KechoCases.SweepSet));
        string directory = Path.Combine(Path.GetTempPath(), "kechobench-grid-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(directory);
            var content = ReportWriter.Build(run, directory);

            var telnet = content.Scenarios.Single(s => s.Name == KechoCases.TelnetScenario);
            Assert.Equal([10, 20], telnet.ClientCounts); // 40 × 5 is the grid's, not a point of the sweep
            Assert.Equal(["scenario-kecho-telnet", KechoGridTable.Id], content.ScenarioTables[telnet.Name].Select(t => t.Id));
            var scenarioTable = content.ScenarioTables[telnet.Name][0];
            Assert.Contains("connect mean", scenarioTable.Columns);
            Assert.Contains("clients served", scenarioTable.Columns);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
