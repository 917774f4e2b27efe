using HdrHistogram;
using KEchoBench.Bench.Load;
using Xunit;

namespace KEchoBench.Tests.Load;

/// <summary>
/// Coordinated omission: when the server stalls, a closed-loop client simply stops asking, and
/// its latencies hide the stall. The open loop measures from the scheduled time, so every request
/// that should have been sent during the pause carries (part of) the pause.
/// </summary>
public sealed class OpenLoopTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_stall_shows_in_the_corrected_percentiles_and_not_in_the_uncorrected_ones()
    {
        const int Requests = 600;
        const int Size = 64;
        await using var server = new TestServer(FaultyServers.StallsOnce(afterBytes: 100 * Size, Pause));
        var settings = new LoadSettings
        {
            Target = server.EndPoint,
            Mode = LoadMode.Rate,
            Rate = 1000,
            Clients = 1,
            Requests = Requests,
            Size = Size,
            Timeout = TimeSpan.FromSeconds(5),
        };

        var report = await LoadGenerator.RunAsync(settings);

        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        Assert.Equal(Requests, report.Requests);
        var corrected = report.Latency;
        var uncorrected = report.Uncorrected!;
        long half = (long)(Pause.TotalMilliseconds / 2 * 1_000_000);

        // About 150 requests were due in the first half of the pause: each waited at least half of it.
        long correctedSlow = CountAtOrAbove(corrected, half);
        long uncorrectedSlow = CountAtOrAbove(uncorrected, half);
        Assert.True(correctedSlow >= Requests / 10, $"corrected: {correctedSlow} of {Requests} at or above {half} ns");

        // Measured from the send, only the one request caught in the pause was slow.
        Assert.True(uncorrectedSlow <= Requests / 50, $"uncorrected: {uncorrectedSlow} of {Requests} at or above {half} ns");
        Assert.True(corrected.GetValueAtPercentile(90) >= half);
        Assert.True(uncorrected.GetValueAtPercentile(90) < half);

        // Both see the stalled request itself.
        Assert.True(uncorrected.GetMaxValue() >= half);
    }

    private static long CountAtOrAbove(HistogramBase histogram, long value) =>
        histogram.RecordedValues().Where(v => v.ValueIteratedTo >= value).Sum(v => v.CountAddedInThisIterationStep);
}
