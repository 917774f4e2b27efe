using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Capacity;

public class UslFitterTests
{
    private static readonly int[] Sweep = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    [Theory]
    [InlineData(20_000, 0.05, 0.0002)]
    [InlineData(5_000, 0.3, 0.00001)]
    [InlineData(30_000, 0.01, 0.002)]
    [InlineData(12_000, 0.1, 0)]
    public void Recovers_known_sigma_and_kappa_from_exact_data(double lambda, double sigma, double kappa)
    {
        var points = Sweep.Select(n => new ScalabilityPoint(n, UslModel.Throughput(n, lambda, sigma, kappa))).ToList();

        var fit = UslFitter.Fit("sim", points);

        Assert.Equal(lambda, fit.Lambda, lambda * 0.01);
        Assert.Equal(sigma, fit.Sigma, 0.005);
        Assert.Equal(kappa, fit.Kappa, Math.Max(kappa * 0.05, 1e-7));
        Assert.True(fit.RSquared > 0.9999);
    }

    [Fact]
    public void Recovers_them_from_noisy_data_within_the_noise()
    {
        // 3 % multiplicative noise, fixed seed: the measured sweep is never exact.
        var random = new Random(22);
        double lambda = 15_000, sigma = 0.08, kappa = 0.0003;
        var points = Sweep.Select(n => new ScalabilityPoint(n, UslModel.Throughput(n, lambda, sigma, kappa) * (1 + (0.03 * ((2 * random.NextDouble()) - 1))))).ToList();

        var fit = UslFitter.Fit("sim", points);

        Assert.InRange(fit.Sigma, 0.05, 0.11);
        Assert.InRange(fit.Kappa, 0.0002, 0.0004);
        Assert.InRange(fit.PeakClients!.Value, 0.8 * Math.Sqrt((1 - sigma) / kappa), 1.25 * Math.Sqrt((1 - sigma) / kappa));
        Assert.True(fit.RSquared > 0.95);
    }

    [Fact]
    public void Peak_concurrency_is_the_root_of_one_minus_sigma_over_kappa()
    {
        Assert.Equal(Math.Sqrt(0.95 / 0.0002), UslModel.PeakClients(0.05, 0.0002)!.Value, 1e-9);
        Assert.Null(UslModel.PeakClients(0.1, 0));
    }

    [Fact]
    public void Too_few_points_give_no_fit_and_say_why()
    {
        var fit = UslFitter.Fit("sim", [new(1, 100), new(100, 1000), new(1000, 900)]);

        Assert.Equal(0, fit.Lambda);
        Assert.Contains("at least 4", fit.Note, StringComparison.Ordinal);
    }
}
