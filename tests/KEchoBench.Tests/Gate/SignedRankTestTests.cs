using CsCheck;
using KEchoBench.Bench.Gate;
using Xunit;

namespace KEchoBench.Tests.Gate;

public sealed class SignedRankTestTests
{
    [Fact]
    public void Five_positive_differences_give_one_in_thirty_two()
    {
        // Only one of the 2^5 sign patterns puts every rank on the positive side.
        Assert.Equal(1.0 / 32, SignedRankTest.PValueGreater([0.1, 0.2, 0.3, 0.4, 0.5]), 12);
        Assert.Equal(1.0, SignedRankTest.PValueGreater([-0.1, -0.2, -0.3, -0.4, -0.5]), 12);
    }

    [Fact]
    public void Zero_differences_say_nothing()
    {
        Assert.Equal(1.0, SignedRankTest.PValueGreater([0, 0, 0]));
        Assert.Equal(SignedRankTest.PValueGreater([0.1, 0.2, 0.3]), SignedRankTest.PValueGreater([0, 0.1, 0, 0.2, 0.3]));
    }

    [Fact]
    public void The_exact_tail_matches_counting_every_sign_pattern()
    {
        Gen.Double[-1, 1].Array[3, 12].Where(a => a.All(d => d != 0) && a.Select(Math.Abs).Distinct().Count() == a.Length).Sample(differences =>
        {
            double observed = WPlus(differences);
            int n = differences.Length;
            int atLeast = 0;
            for (int signs = 0; signs < 1 << n; signs++)
            {
                var flipped = differences.Select((d, i) => (signs & (1 << i)) != 0 ? -d : d).ToArray();
                if (WPlus(flipped) >= observed - 1e-9)
                {
                    atLeast++;
                }
            }

            Assert.Equal(atLeast / Math.Pow(2, n), SignedRankTest.PValueGreater(differences), 12);
        }, iter: 200);
    }

    [Theory]
    [InlineData(30, 300, 0.10)]
    [InlineData(30, 330, 0.10)]
    [InlineData(25, 220, 0.10)]
    [InlineData(30, 360, 0.25)] // p about 0.004: the normal tail is thicker out there
    public void The_normal_approximation_is_close_to_the_exact_tail(int n, int w, double tolerance)
    {
        double exact = SignedRankTest.ExactUpperTail(n, w);
        double approximate = SignedRankTest.NormalUpperTail(n, w, tieCorrection: 0);
        Assert.InRange(approximate, exact * (1 - tolerance), exact * (1 + tolerance));
    }

    [Fact]
    public void Differences_centred_on_zero_are_rarely_significant()
    {
        var random = new Random(7);
        int significant = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var sample = Enumerable.Range(0, 20).Select(_ => random.NextDouble() - 0.5).ToArray();
            if (SignedRankTest.PValueGreater(sample) < 0.05)
            {
                significant++;
            }
        }

        // 5 % of 400 is 20; the binomial spread allows about ±9.
        Assert.InRange(significant, 6, 34);
    }

    private static double WPlus(double[] differences)
    {
        var order = differences.Select(Math.Abs).Order().ToList();
        return differences.Where(d => d > 0).Sum(d => order.IndexOf(Math.Abs(d)) + 1.0);
    }
}
