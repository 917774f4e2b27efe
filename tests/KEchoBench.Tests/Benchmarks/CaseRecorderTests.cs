using HdrHistogram;
using KEchoBench.Bench.Benchmarks.Recording;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;
using Xunit;
using KEchoBench.Bench.Benchmarks.ServersUnderTest;

namespace KEchoBench.Tests.Benchmarks;

public sealed class CaseRecorderTests
{
    private static readonly CaseResult Identity = new() { Scenario = "burst", Engine = "thread", Clients = 3, Requests = 1 };

    [Fact]
    public void Keeps_each_round_and_merges_them_without_loss()
    {
        var recorder = new CaseRecorder();
        recorder.Add(Round([100, 200, 300], errors: 0, seconds: 1, perConnection: [10, 20, 30]) with { ServerCpu = TimeSpan.FromMilliseconds(500) }, new ServerWindow(5, 1000));
        recorder.Add(Round([1000, 2000], errors: 2, seconds: 3, perConnection: [30, double.NaN, 50]) with { ServerCpu = TimeSpan.FromMilliseconds(300) }, new ServerWindow(9, 800));

        var result = recorder.Build(Identity);

        Assert.Equal(2, result.Iterations.Count);
        Assert.Equal([3L, 2L], result.Iterations.Select(i => i.Requests));
        Assert.Equal(50, result.Iterations[0].ServerCpuPercent!.Value, 6);
        var overall = result.Overall!;
        Assert.Equal(5, overall.Requests);
        Assert.Equal(5, overall.Latency.Count);
        Assert.Equal(2, overall.Errors);
        Assert.Equal(4, overall.Seconds, 6);
        Assert.Equal(20, overall.ServerCpuPercent!.Value, 6);
        Assert.Equal(800_000.0 / 5, overall.ServerCpuUsPerRequest!.Value, 6);
        Assert.Equal(9, overall.ServerThreads);
        Assert.Equal(1000, overall.ServerRssBytes);
        Assert.Equal(result.Iterations.Max(i => i.Latency.MaxUs), overall.Latency.MaxUs);
        Assert.True(overall.Latency.P50Us <= overall.Latency.P99Us && overall.Latency.P99Us <= overall.Latency.MaxUs);
        Assert.Equal(2, result.ErrorsByKind["timeout"]);
        Assert.Equal([20.0, 20.0, 40.0], result.PerConnectionUs);
        Assert.Equal("thread", result.Engine);
    }

    [Fact]
    public void Server_figures_are_absent_when_the_server_process_is_unknown()
    {
        var recorder = new CaseRecorder();
        recorder.Add(Round([100], errors: 0, seconds: 1, perConnection: []), server: null);

        var overall = recorder.Build(Identity).Overall!;

        Assert.Null(overall.ServerCpuPercent);
        Assert.Null(overall.ServerThreads);
        Assert.True(overall.ClientCpuPercent > 0);
    }

    [Fact]
    public void A_round_too_short_for_the_cpu_clock_has_no_cpu_figure_but_the_reason()
    {
        var recorder = new CaseRecorder();
        recorder.Add(Round([100, 200], errors: 0, seconds: 1, perConnection: []) with { ServerCpu = TimeSpan.FromMilliseconds(400) }, new ServerWindow(5, 1000));
        recorder.Add(Round([100], errors: 0, seconds: 0.002, perConnection: []) with { ServerCpu = TimeSpan.FromMilliseconds(3), ServerCpuAbsent = "round of 2 ms, too short" }, new ServerWindow(5, 1000));

        var result = recorder.Build(Identity);

        Assert.Equal(40, result.Iterations[0].ServerCpuPercent!.Value, 6);
        Assert.Null(result.Iterations[0].ServerCpuAbsent);
        Assert.Null(result.Iterations[1].ServerCpuPercent);
        Assert.Null(result.Iterations[1].ServerCpuUsPerRequest);
        Assert.Equal("round of 2 ms, too short", result.Iterations[1].ServerCpuAbsent);

        // Together the two rounds last 1.002 s, 100 clock steps each on average: the case has its figure.
        Assert.Equal(100 * 0.403 / 1.002, result.Overall!.ServerCpuPercent!.Value, 6);
        Assert.Equal(403_000.0 / 3, result.Overall.ServerCpuUsPerRequest!.Value, 6);
        Assert.Equal(5, result.Overall.ServerThreads);
    }

    [Fact]
    public void Rounds_too_short_on_average_leave_the_case_without_a_cpu_figure()
    {
        var recorder = new CaseRecorder();
        for (int i = 0; i < 3; i++)
        {
            recorder.Add(Round([100], errors: 0, seconds: 0.05, perConnection: []) with { ServerCpu = TimeSpan.FromMilliseconds(30), ServerCpuAbsent = "short" }, new ServerWindow(5, 1000));
        }

        var overall = recorder.Build(Identity).Overall!;

        Assert.Null(overall.ServerCpuPercent);
        Assert.Null(overall.ServerCpuUsPerRequest);
        Assert.Equal("3 rounds of 50 ms on average, 150 ms together, shorter than the 173.2 ms the server CPU figure needs over 3 rounds (100 × √3 × the 1 ms step of the server's CPU clock)", overall.ServerCpuAbsent);
        Assert.Equal(5, overall.ServerThreads); // threads and memory need no clock
    }

    [Fact]
    public void Connect_times_are_kept_apart_from_round_trips_and_clients_are_counted()
    {
        var connect = new LongHistogram(3_600_000_000_000, 3);
        connect.RecordValue(5_000_000); // 5 ms connects
        connect.RecordValue(7_000_000);
        var recorder = new CaseRecorder();
        recorder.Add(Round([100, 200], errors: 1, seconds: 1, perConnection: []) with { ConnectNs = connect, ClientsServed = 2, ClientsFailed = 1 }, server: null);
        recorder.Add(Round([300], errors: 0, seconds: 1, perConnection: []) with { ConnectNs = connect, ClientsServed = 3 }, server: null);

        var result = recorder.Build(Identity);

        Assert.Equal(2, result.Iterations[0].Connect!.Count);
        Assert.InRange(result.Iterations[0].Connect!.P50Us, 4990, 5010); // HdrHistogram keeps 3 significant digits
        Assert.True(result.Iterations[0].Latency.MaxUs < 1000, "round trips hold no connect time");
        Assert.Equal(4, result.Overall!.Connect!.Count);
        Assert.Equal(5, result.Overall.ClientsServed);
        Assert.Equal(1, result.Overall.ClientsFailed);
        Assert.Null(result.Overall.UncorrectedLatency);
    }

    private static RoundOutcome Round(long[] latenciesUs, long errors, double seconds, double[] perConnection)
    {
        var histogram = new LongHistogram(3_600_000_000_000, 3);
        foreach (long us in latenciesUs)
        {
            histogram.RecordValue(us * 1000);
        }

        return new RoundOutcome
        {
            LatencyNs = histogram,
            Requests = latenciesUs.Length,
            Errors = errors,
            ErrorsByKind = errors == 0 ? new Dictionary<string, long>() : new Dictionary<string, long> { ["timeout"] = errors },
            Elapsed = TimeSpan.FromSeconds(seconds),
            ClientCpu = TimeSpan.FromSeconds(seconds / 10),
            PerConnectionUs = perConnection,
        };
    }
}
