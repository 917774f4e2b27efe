namespace KEchoBench.Bench.Gate;

/// <summary>
/// The Wilcoxon signed-rank test, one-sided: is the median of paired differences above zero?
/// Perfolizer 0.6.1 has no paired test, so it is here: exact null distribution for up to
/// <see cref="ExactLimit"/> differences without ties, the normal approximation with tie and
/// continuity corrections beyond (Hollander &amp; Wolfe, <i>Nonparametric Statistical Methods</i>, ch. 3).
/// </summary>
internal static class SignedRankTest
{
    public const int ExactLimit = 30;

    private static readonly double[] ErfcCoefficients =
        [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];

    /// <summary>
    /// p-value of "the differences are centred above zero". Zero differences are dropped (they say
    /// nothing about the direction); with none left the p-value is 1.
    /// </summary>
    public static double PValueGreater(IReadOnlyList<double> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        double[] nonZero = differences.Where(d => d != 0 && !double.IsNaN(d)).ToArray();
        int n = nonZero.Length;
        if (n == 0)
        {
            return 1;
        }

        double[] ranks = MidRanks(nonZero.Select(Math.Abs).ToArray(), out bool ties, out double tieCorrection);
        double wPlus = 0;
        for (int i = 0; i < n; i++)
        {
            if (nonZero[i] > 0)
            {
                wPlus += ranks[i];
            }
        }

        return n <= ExactLimit && !ties ? ExactUpperTail(n, (int)Math.Round(wPlus)) : NormalUpperTail(n, wPlus, tieCorrection);
    }

    /// <summary>P(W+ ≥ w) under the null: every sign equally likely, counted over the 2^n sign patterns.</summary>
    internal static double ExactUpperTail(int n, int w)
    {
        int max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (int rank = 1; rank <= n; rank++)
        {
            for (int sum = max; sum >= rank; sum--)
            {
                counts[sum] += counts[sum - rank];
            }
        }

        double tail = 0;
        for (int sum = Math.Max(0, w); sum <= max; sum++)
        {
            tail += counts[sum];
        }

        return Math.Min(1, tail / Math.Pow(2, n));
    }

    internal static double NormalUpperTail(int n, double wPlus, double tieCorrection)
    {
        double mean = n * (n + 1) / 4.0;
        double variance = (n * (n + 1) * (2.0 * n + 1) / 24.0) - (tieCorrection / 48.0);
        if (variance <= 0)
        {
            return 1;
        }

        double z = (wPlus - mean - 0.5) / Math.Sqrt(variance);
        return 0.5 * Erfc(z / Math.Sqrt(2));
    }

    /// <summary>Ranks 1..n of the values, ties sharing their mean rank; also Σ(t³ − t) over tie groups.</summary>
    private static double[] MidRanks(double[] values, out bool ties, out double tieCorrection)
    {
        int n = values.Length;
        int[] order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var ranks = new double[n];
        ties = false;
        tieCorrection = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            double rank = (start + end + 2) / 2.0;
            for (int k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            int size = end - start + 1;
            if (size > 1)
            {
                ties = true;
                tieCorrection += ((double)size * size * size) - size;
            }

            start = end + 1;
        }

        return ranks;
    }

    /// <summary>Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + (0.5 * z));
        double polynomial = 0;
        for (int k = ErfcCoefficients.Length - 1; k >= 0; k--)
        {
            polynomial = (polynomial * t) + ErfcCoefficients[k];
        }

        double r = t * Math.Exp(-(z * z) + polynomial);
        return x >= 0 ? r : 2 - r;
    }
}
