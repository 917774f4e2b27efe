using KEchoBench.Bench.Capacity;
using Xunit;

namespace KEchoBench.Tests.Capacity;

public class CapacityIntervalTests
{
    [Fact]
    public void Three_searches_give_the_median_and_students_t_interval_of_the_mean()
    {
        var (median, low, high) = CapacityInterval.Of([9_000, 10_000, 11_000], 0.95);

        Assert.Equal(10_000, median);
        // mean 10,000, s = 1,000, t(0.975, 2) = 4.3027: 10,000 ± 4.3027 × 1,000 / √3 = ± 2,484.
        Assert.Equal(10_000 - 2_484.1, low, 0.5);
        Assert.Equal(10_000 + 2_484.1, high, 0.5);
    }

    [Fact]
    public void Agreeing_searches_give_a_point()
    {
        var (median, low, high) = CapacityInterval.Of([8_000, 8_000, 8_000], 0.95);

        Assert.Equal((8_000, 8_000, 8_000), (median, low, high));
    }
}
