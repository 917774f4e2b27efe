namespace KEchoBench.Bench.Reports;

/// <summary>
/// Pearson's correlation coefficient. Perfolizer and Pragmastat, the statistics libraries the
/// suite already uses, have none; one formula does not justify another dependency.
/// </summary>
internal static class Correlation
{
    /// <summary>
    /// Pearson's r of paired samples, −1 to 1; NaN when there are fewer than two pairs or either
    /// side does not vary (the coefficient is undefined there, not zero).
    /// </summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(y.Count, x.Count, nameof(y));
        if (x.Count < 2)
        {
            return double.NaN;
        }

        // Two passes (means first): the one-pass sum-of-products formula loses digits when values are large and close.
        double meanX = x.Average();
        double meanY = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }
}
