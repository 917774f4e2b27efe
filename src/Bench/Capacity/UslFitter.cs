using KEchoBench.Bench.Results;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// Fits the Universal Scalability Law (<see cref="UslModel"/>) to measured throughput by nonlinear
/// least squares: Levenberg–Marquardt (MathNet.Numerics) with σ in [0, 1] and κ ≥ 0, started from the
/// best point of a coarse grid over σ and κ (for fixed σ and κ the best λ is linear and exact), so that
/// the minimiser does not wander off from a poor guess when λ and κ differ by eight orders of magnitude.
/// Throughput is scaled by its maximum while fitting, for the same reason.
/// </summary>
internal static class UslFitter
{
    /// <summary>Three parameters need at least four points for a residual to say anything.</summary>
    public const int MinPoints = 4;

    private static readonly double[] SigmaGrid = [0, 0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99];

    public static ScalabilityFit Fit(string engine, IReadOnlyList<ScalabilityPoint> points)
    {
        var usable = points.Where(p => p.Clients >= 1 && double.IsFinite(p.RequestsPerSecond) && p.RequestsPerSecond > 0).OrderBy(p => p.Clients).ToList();
        if (usable.Select(p => p.Clients).Distinct().Count() < MinPoints)
        {
            return new ScalabilityFit
            {
                Engine = engine,
                Points = usable,
                Note = $"{usable.Count} client count{(usable.Count == 1 ? "" : "s")} measured: the fit needs at least {MinPoints}",
            };
        }

        double scale = usable.Max(p => p.RequestsPerSecond);
        double[] n = [.. usable.Select(p => (double)p.Clients)];
        double[] y = [.. usable.Select(p => p.RequestsPerSecond / scale)];

        var (lambda, sigma, kappa) = GridStart(n, y);
        try
        {
            (lambda, sigma, kappa) = Polish(n, y, lambda, sigma, kappa);
        }
        catch (Exception e) when (e is MaximumIterationsException or ArithmeticException or ArgumentException)
        {
            // Keep the grid's point: a fit, if a coarser one.
        }

        double mean = y.Average();
        double residual = 0, total = 0;
        for (int i = 0; i < n.Length; i++)
        {
            double error = y[i] - UslModel.Throughput(n[i], lambda, sigma, kappa);
            residual += error * error;
            total += (y[i] - mean) * (y[i] - mean);
        }

        return new ScalabilityFit
        {
            Engine = engine,
            Points = usable,
            Lambda = lambda * scale,
            Sigma = sigma,
            Kappa = kappa,
            RSquared = total > 0 ? 1 - (residual / total) : 1,
            PeakClients = UslModel.PeakClients(sigma, kappa),
        };
    }

    private static (double Lambda, double Sigma, double Kappa) GridStart(double[] n, double[] y)
    {
        var kappas = new List<double> { 0 };
        for (double k = 1e-8; k <= 1; k *= Math.Sqrt(10))
        {
            kappas.Add(k);
        }

        (double Lambda, double Sigma, double Kappa, double Sse) best = (0, 0, 0, double.MaxValue);
        foreach (double sigma in SigmaGrid)
        {
            foreach (double kappa in kappas)
            {
                // For fixed σ and κ the model is λ·g(n): least squares gives λ = Σyg / Σg².
                double yg = 0, gg = 0;
                for (int i = 0; i < n.Length; i++)
                {
                    double g = n[i] / UslModel.Denominator(n[i], sigma, kappa);
                    yg += y[i] * g;
                    gg += g * g;
                }

                double lambda = yg / gg;
                double sse = 0;
                for (int i = 0; i < n.Length; i++)
                {
                    double e = y[i] - UslModel.Throughput(n[i], lambda, sigma, kappa);
                    sse += e * e;
                }

                if (sse < best.Sse)
                {
                    best = (lambda, sigma, kappa, sse);
                }
            }
        }

        return (best.Lambda, best.Sigma, best.Kappa);
    }

    private static (double Lambda, double Sigma, double Kappa) Polish(double[] n, double[] y, double lambda, double sigma, double kappa)
    {
        var v = Vector<double>.Build;
        var objective = ObjectiveFunction.NonlinearModel(
            (p, x) => v.Dense(x.Count, i => UslModel.Throughput(x[i], p[0], p[1], p[2])),
            (p, x) => Matrix<double>.Build.Dense(x.Count, 3, (i, j) =>
            {
                double d = UslModel.Denominator(x[i], p[1], p[2]);
                return j switch
                {
                    0 => x[i] / d,
                    1 => -p[0] * x[i] * (x[i] - 1) / (d * d),
                    _ => -p[0] * x[i] * x[i] * (x[i] - 1) / (d * d),
                };
            }),
            v.Dense(n),
            v.Dense(y));
        var minimizer = new LevenbergMarquardtMinimizer(maximumIterations: 10_000);
        var result = minimizer.FindMinimum(
            objective,
            v.Dense([lambda, sigma, Math.Max(kappa, 1e-9)]),
            lowerBound: v.Dense([1e-12, 0, 0]),
            upperBound: v.Dense([1e6, 1, 1e3]));
        var p = result.MinimizingPoint;
        return (p[0], p[1], p[2]);
    }
}
