using KEchoBench.Bench.Reports;
using Xunit;

namespace KEchoBench.Tests.Reports;

public sealed class CorrelationTests
{
    [Fact]
    public void A_straight_line_correlates_perfectly_either_way()
    {
        double[] x = [1, 5, 10, 20, 50];

        Assert.Equal(1, Correlation.Pearson(x, [.. x.Select(v => (3 * v) + 7)]), 12);
        Assert.Equal(-1, Correlation.Pearson(x, [.. x.Select(v => 100 - v)]), 12);
    }

    [Fact]
    public void Anscombes_first_set_gives_the_published_coefficient()
    {
        // Anscombe (1973), set I: r = 0.816.
        double[] x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
        double[] y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

        Assert.Equal(0.816, Correlation.Pearson(x, y), 3);
    }

    [Fact]
    public void Large_close_values_keep_their_digits()
    {
        // A one-pass formula loses this to cancellation.
        double[] x = [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4];
        double[] y = [2, 4, 6, 8.5];

        Assert.Equal(Correlation.Pearson([1, 2, 3, 4], y), Correlation.Pearson(x, y), 9);
    }

    [Fact]
    public void Without_variation_or_pairs_there_is_no_coefficient()
    {
        Assert.True(double.IsNaN(Correlation.Pearson([1, 2, 3], [5, 5, 5])));
        Assert.True(double.IsNaN(Correlation.Pearson([1], [2])));
        Assert.Throws<ArgumentOutOfRangeException>(() => Correlation.Pearson([1, 2], [1]));
    }
}
