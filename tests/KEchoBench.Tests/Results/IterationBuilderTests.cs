using System.Net;
using HdrHistogram;
using KEchoBench.Bench.Benchmarks.Recording;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;
using KEchoBench.Tests.Load;
using Xunit;

namespace KEchoBench.Tests.Results;

/// <summary>
/// <c>load</c> and <c>bench</c> turn rounds into iteration figures in one place: the same rounds
/// give the same figures through either, over one time base.
/// </summary>
public sealed class IterationBuilderTests
{
    [Fact]
    public void Load_and_bench_give_the_same_figures_for_the_same_rounds()
    {
        LoadRound[] rounds = [Round(0, 300, [100, 200, 300], cpuMs: 90, threads: 7, rssBytes: 5000), Round(1, 200, [400, 500], cpuMs: 50, threads: 9, rssBytes: 4000)];
        var report = new LoadReport(LoadTestSettings.Small(new IPEndPoint(IPAddress.Loopback, 1)), 4, new Dictionary<LoadErrorKind, long>(), rounds);
        var recorder = new CaseRecorder();
        foreach (var round in rounds)
        {
            recorder.Add(round.ToOutcome(), round.ServerWindow);
        }

        var result = recorder.Build(new CaseResult { Scenario = "clients", Engine = "thread", Clients = 4, Requests = 1 });

        Assert.Equal(result.Overall, report.Overall());
        Assert.Equal(result.Iterations, report.Iterations());
        Assert.Equal(result.Spectrum, report.Spectrum());
    }

    [Fact]
    public void Server_cpu_share_is_over_the_rounds_own_time_as_the_request_rate_is()
    {
        // The readings' window (300.4 ms) is a little longer than the round's clock (300 ms): the share is over the round.
        LoadRound[] rounds = [Round(0, 300, [100, 200], cpuMs: 90, threads: 7, rssBytes: 5000, readingsMs: 300.4), Round(1, 200, [400], cpuMs: 50, threads: 9, rssBytes: 4000, readingsMs: 200.4)];
        var report = new LoadReport(LoadTestSettings.Small(new IPEndPoint(IPAddress.Loopback, 1)), 4, new Dictionary<LoadErrorKind, long>(), rounds);

        foreach (var figures in report.Iterations().Append(report.Overall()))
        {
            Assert.Null(figures.ServerCpuAbsent);
            Assert.Equal(figures.ServerCpuUsPerRequest!.Value * figures.RequestsPerSecond / 1e4, figures.ServerCpuPercent!.Value, 9);
        }

        Assert.Equal(30, report.Iterations()[0].ServerCpuPercent!.Value, 9);
        Assert.Equal(28, report.Overall().ServerCpuPercent!.Value, 9);
        Assert.Equal(9, report.Overall().ServerThreads); // the largest over the rounds
        Assert.Equal(5000, report.Overall().ServerRssBytes);
    }

    private static LoadRound Round(int index, double ms, long[] latenciesUs, double cpuMs, int threads, long rssBytes, double? readingsMs = null)
    {
        var latency = HistogramFigures.NewHistogram();
        foreach (long us in latenciesUs)
        {
            latency.RecordValue(us * 1000);
        }

        long start = 1_000_000_000L * (index + 1);
        var before = new ProcessSample(TimeSpan.FromSeconds(index), threads, rssBytes, start, PreciseCpu: true);
        var after = new ProcessSample(TimeSpan.FromSeconds(index) + TimeSpan.FromMilliseconds(cpuMs), threads, rssBytes, start + (long)((readingsMs ?? ms) * 1e6), PreciseCpu: true);
        return new LoadRound
        {
            Index = index,
            Started = DateTimeOffset.UnixEpoch,
            Requests = latenciesUs.Length,
            Errors = new Dictionary<LoadErrorKind, long>(),
            Elapsed = TimeSpan.FromMilliseconds(ms),
            Latency = latency,
            Connect = CopyOf(latency),
            ClientsServed = 4,
            Repeats = 1,
            ClientCpu = TimeSpan.FromMilliseconds(ms / 4),
            ServerBefore = before,
            ServerAfter = after,
        };
    }

    private static LongHistogram CopyOf(LongHistogram histogram)
    {
        var copy = HistogramFigures.NewHistogram();
        copy.Add(histogram);
        return copy;
    }
}
