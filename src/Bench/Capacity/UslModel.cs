namespace KEchoBench.Bench.Capacity;

/// <summary>
/// Gunther's Universal Scalability Law: the throughput of <c>n</c> clients is
/// λn / (1 + σ(n−1) + κn(n−1)), λ the throughput of one client, σ the contention (the serial share)
/// and κ the coherency cost (crosstalk between every pair). With κ &gt; 0 it peaks at n* = √((1−σ)/κ).
/// </summary>
internal static class UslModel
{
    public static double Throughput(double n, double lambda, double sigma, double kappa) =>
        lambda * n / Denominator(n, sigma, kappa);

    public static double Denominator(double n, double sigma, double kappa) =>
        1 + (sigma * (n - 1)) + (kappa * n * (n - 1));

    /// <summary>The client count of the highest throughput; null when κ is not positive (it levels off instead).</summary>
    public static double? PeakClients(double sigma, double kappa) =>
        kappa > 0 && sigma < 1 ? Math.Sqrt((1 - sigma) / kappa) : null;
}
