using KEchoBench.Bench.Benchmarks.Progress;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Benchmarks.Progress;

/// <summary>
/// bench's console summary table, written to a buffer (plain text, ASCII border): every column and
/// every way a figure can be missing (no server CPU, no latency, no result at all).
/// </summary>
public sealed class BenchSummaryTableTests
{
    /// <summary>The table as written before its figure columns came from the catalog: that change must not alter a byte.</summary>
    private const string Expected = """
        +-------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------+
        | scenario | engine               | clients | parameters                                    | requests/s |   mean |     p99 |     max | server CPU per request | server CPU | client CPU | errors |
        |----------+----------------------+---------+-----------------------------------------------+------------+--------+---------+---------+------------------------+------------+------------+--------|
        | clients  | thread               |       2 | requests=20 connections=persistent timeout=5s |     12,346 |  85 µs | 1.23 ms |  2.35 s |                12.3 µs |       57 % |       79 % |      0 |
        | rate     | external:127.0.0.1:7 |       8 | rate=1000                                     |        900 | 9.5 µs |   10 µs | 1000 µs |                      - |          - |        3 % |  1,234 |
        | blocking | eventloop            |    1000 | requests=1                                    |          0 |      - |       - |       - |                      - |        0 % |        0 % |      5 |
        | idle     | [odd]                |       3 |                                               |  no result |        |         |         |                        |            |            |        |
        +-------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------+
        """;

    [Fact]
    public void Writes_the_cases_as_it_always_has()
    {
        using var output = new StringWriter();

        BenchSummaryTable.Write(Cases, output);

        Assert.Equal(Expected + "\n", output.ToString());
    }

    internal static IReadOnlyList<CaseResult> Cases { get; } =
    [
        new()
        {
            Scenario = "clients", Engine = "thread", Clients = 2, Requests = 20,
            Parameters = new Dictionary<string, string> { ["timeout"] = "5s", ["connections"] = "persistent" },
            Overall = new IterationResult
            {
                Requests = 40, Seconds = 0.5, RequestsPerSecond = 12345.6,
                Latency = new LatencySummary { Count = 40, MeanUs = 85.34, P99Us = 1234.5, MaxUs = 2345678 },
                ServerCpuUsPerRequest = 12.34, ServerCpuPercent = 56.7, ClientCpuPercent = 78.9,
            },
        },
        new()
        {
            Scenario = "rate", Engine = "external:127.0.0.1:7", Clients = 8,
            Parameters = new Dictionary<string, string> { ["rate"] = "1000" },
            Overall = new IterationResult
            {
                Requests = 900, Seconds = 1, RequestsPerSecond = 900,
                Latency = new LatencySummary { Count = 900, MeanUs = 9.5, P99Us = 10.04, MaxUs = 999.96 },
                ClientCpuPercent = 3.2, Errors = 1234,
            },
        },
        new()
        {
            Scenario = "blocking", Engine = "eventloop", Clients = 1000, Requests = 1,
            Overall = new IterationResult
            {
                Requests = 0, Seconds = 10, Latency = new LatencySummary(),
                ServerCpuUsPerRequest = null, ServerCpuPercent = 0.4, ClientCpuPercent = 0.49, Errors = 5,
            },
        },
        new() { Scenario = "idle", Engine = "[odd]", Clients = 3 },
    ];
}
