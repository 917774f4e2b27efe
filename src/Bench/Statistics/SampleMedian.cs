namespace KEchoBench.Bench.Statistics;

/// <summary>
/// The one median of the program: the middle value, or the mean of the two middle ones for an
/// even count (what MathNet's and Perfolizer's default estimators give too); NaN for no values.
/// </summary>
internal static class SampleMedian
{
    /// <summary>The median of <paramref name="values"/>, which are left as they are.</summary>
    public static double Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SortInPlace([.. values]);
    }

    /// <summary>The median of <paramref name="values"/>, sorting them in place: for the bootstrap, which reuses one buffer for every resample.</summary>
    public static double SortInPlace(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Array.Sort(values);
        int n = values.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
