using Xunit;
using HdrHistogram;
using CsCheck;
using KEchoBench.Bench.Distributed;
using KEchoBench.Bench.Results;

namespace KEchoBench.Tests.Distributed;

/// <summary>Fidelity of a distributed run's latency: the agents' histograms, encoded, sent and added, equal one histogram that recorded every sample.</summary>
public sealed class HistogramMergeTests
{
    [Fact]
    public void Merging_the_agents_encoded_histograms_equals_recording_every_sample_in_one()
    {
        // Latencies up to 100 s (the longest timeout a run uses is far below): near the histogram's one-hour ceiling an encode/decode round trip was seen to lose a count.
        var samples = Gen.Long[1, 100_000_000_000].Array[0, 400];
        Gen.Select(samples.Array[1, 5], Gen.Int[0, 1]).Sample((agents, _) =>
        {
            var all = HistogramFigures.NewHistogram();
            var encoded = new List<byte[]>();
            foreach (long[] agent in agents)
            {
                var own = HistogramFigures.NewHistogram();
                foreach (long value in agent)
                {
                    own.RecordValue(value);
                    all.RecordValue(value);
                }

                encoded.Add(HistogramTransport.Encode(own));
            }

            var merged = HistogramTransport.Merge(encoded);
            Assert.Equal(all.TotalCount, merged.TotalCount);
            Assert.Equal(all.GetMaxValue(), merged.GetMaxValue());
            // Agents whose share completed no request send empty histograms; HdrHistogram has no
            // percentile of an empty histogram, so the merged one must be empty too and only the summary is compared.
            if (all.TotalCount > 0)
            {
                foreach (double percentile in new[] { 0.0, 50, 90, 99, 99.9, 100 })
                {
                    Assert.Equal(all.GetValueAtPercentile(percentile), merged.GetValueAtPercentile(percentile));
                }
            }

            Assert.Equal(HistogramFigures.Summarize(all), HistogramFigures.Summarize(merged));
        }, iter: 200);
    }

    [Fact]
    public void Agents_that_completed_nothing_merge_to_an_empty_histogram_with_an_empty_summary()
    {
        // The seed CsCheck found (bdR-bZMfFm22): one agent, no samples.
        var merged = HistogramTransport.Merge([HistogramTransport.Encode(HistogramFigures.NewHistogram()), HistogramTransport.Encode(HistogramFigures.NewHistogram())]);
        Assert.Equal(0, merged.TotalCount);
        Assert.Equal(HistogramFigures.Summarize(HistogramFigures.NewHistogram()), HistogramFigures.Summarize(merged));
    }

    [Fact]
    public void The_p99_of_merged_agents_is_not_the_max_of_their_p99s()
    {
        // One agent fast, one slow with few requests: the max of per-agent p99s (crank's reduce) overstates the p99 of all requests.
        var fast = HistogramFigures.NewHistogram();
        var slow = HistogramFigures.NewHistogram();
        for (int i = 0; i < 10_000; i++)
        {
            fast.RecordValue(100_000);
        }

        for (int i = 0; i < 10; i++)
        {
            slow.RecordValue(50_000_000);
        }

        var merged = HistogramTransport.Merge([HistogramTransport.Encode(fast), HistogramTransport.Encode(slow)]);
        Assert.True(merged.GetValueAtPercentile(99) < slow.GetValueAtPercentile(99));
        Assert.Equal(10_010, merged.TotalCount);
    }
}
