using CsCheck;
using KEchoBench.Bench.Statistics;
using Xunit;

namespace KEchoBench.Tests.Statistics;

public sealed class SampleMedianTests
{
    [Fact]
    public void The_median_splits_the_values_in_half_whatever_their_order()
    {
        Gen.Double[-1e6, 1e6].Array[1, 41].Sample(values =>
        {
            var before = (double[])values.Clone();
            double median = SampleMedian.Of(values);
            Assert.Equal(before, values); // Of leaves its input alone

            Assert.True(values.Count(v => v <= median) * 2 >= values.Length);
            Assert.True(values.Count(v => v >= median) * 2 >= values.Length);
            Assert.Equal(median, SampleMedian.Of(values.Reverse()));
            Assert.Equal(median, SampleMedian.SortInPlace((double[])values.Clone()));
        });
    }

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)] // even count: the mean of the two middle values
    public void Odd_counts_take_the_middle_and_even_counts_the_mean_of_the_two_middle_values(double[] values, double expected) =>
        Assert.Equal(expected, SampleMedian.Of(values));

    [Fact]
    public void No_values_have_no_median() => Assert.True(double.IsNaN(SampleMedian.Of([])));
}
