using CsCheck;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Results;

public sealed class CountBeyondTests
{
    /// <summary>
    /// In exact arithmetic, with the percentile in hundredths: at least one of n requests lies
    /// beyond p when n × (100 − p) ≥ 100. The double arithmetic must agree, binary rounding or not.
    /// </summary>
    [Fact]
    public void A_percentile_is_resolved_exactly_when_one_request_lies_beyond_it()
    {
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Int[0, 9_999]).Sample((count, hundredths) =>
        {
            double percentile = hundredths / 100.0;
            long beyond = LatencySummary.CountBeyond(count, percentile);
            Assert.InRange(beyond, 0, count);
            Assert.Equal(count * (10_000 - hundredths) >= 10_000, beyond >= 1);
            Assert.True(LatencySummary.CountBeyond(count + 1, percentile) >= beyond);
        });
    }

    [Theory]
    [InlineData(1000, 99.9, 1)] // 1000 × 0.1 % is 0.99999... in binary: still one
    [InlineData(999, 99.9, 0)]
    [InlineData(200, 99, 2)]
    [InlineData(200, 99.9, 0)]
    [InlineData(0, 50, 0)]
    public void Counts_the_requests_worse_than_the_percentile(long count, double percentile, long expected)
    {
        Assert.Equal(expected, LatencySummary.CountBeyond(count, percentile));
        Assert.Equal(expected, new LatencySummary { Count = count }.CountBeyond(percentile));
    }
}
