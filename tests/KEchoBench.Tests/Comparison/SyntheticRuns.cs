using KEchoBench.Bench.Results;
using KEchoBench.Bench.RunEnvironment;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace KEchoBench.Tests.Comparison;

/// <summary>
/// Builds run results with realistic per-iteration noise: each figure is its true value times a
/// lognormal factor with mean 1 (iteration figures are skewed to the slow side, never negative).
/// Seeded, so every test sees the same numbers on every run.
/// </summary>
internal static class SyntheticRuns
{
    /// <summary>Lognormal with mean 1 and the given coefficient of variation.</summary>
    public static LogNormalDistribution Noise(double cv)
    {
        double sigma = Math.Sqrt(Math.Log(1 + (cv * cv)));
        return new LogNormalDistribution(-sigma * sigma / 2, sigma);
    }

    /// <summary>n values around <paramref name="center"/> with the given CV.</summary>
    public static double[] Sample(double center, double cv, int n, int seed)
    {
        var random = Noise(cv).Random(seed);
        return Enumerable.Range(0, n).Select(_ => center * random.Next()).ToArray();
    }

    /// <param name="slowdown">Factor on every time figure (1.3 = 30 % slower); throughput divides by it.</param>
    public static RunResult Run(int seed, double slowdown = 1.0, int iterations = 10, double cv = 0.05, bool serverCpu = true, IEnumerable<string>? engines = null)
    {
        var random = new Random(seed);
        var time = Noise(cv).Random(random);
        var tail = Noise(cv * 3).Random(random); // tails are noisier than means
        var cases = new List<CaseResult>();
        int index = 0;
        foreach (string engine in engines ?? ["thread", "workqueue", "cmwq", "eventloop"])
        {
            foreach (int clients in new[] { 20, 50 })
            {
                double perRequestUs = (40 + (15 * index++)) * slowdown;
                var list = new List<IterationResult>();
                for (int i = 0; i < iterations; i++)
                {
                    const long requests = 400;
                    double us = perRequestUs * time.Next();
                    double meanLatency = us * clients * 0.9 * time.Next();
                    list.Add(new IterationResult
                    {
                        Requests = requests,
                        Seconds = us * requests / 1e6,
                        RequestsPerSecond = 1e6 / us,
                        ServerCpuUsPerRequest = serverCpu ? 0.6 * us * time.Next() : null,
                        Latency = new LatencySummary
                        {
                            Count = requests,
                            MeanUs = meanLatency,
                            P50Us = meanLatency * 0.95,
                            P99Us = meanLatency * 2.5 * tail.Next(),
                            MaxUs = meanLatency * 4 * tail.Next() * tail.Next(),
                        },
                    });
                }

                cases.Add(new CaseResult { Scenario = "clients", Engine = engine, Clients = clients, Requests = 20, Iterations = list });
            }
        }

        return new RunResult
        {
            Profile = "ci",
            Started = DateTimeOffset.UnixEpoch,
            Finished = DateTimeOffset.UnixEpoch.AddMinutes(1),
            Environment = new EnvironmentInfo { Cores = 2, Os = "Linux" },
            Cases = cases,
        };
    }

    public static string WriteRun(RunResult run, string directory)
    {
        RunResultStore.Write(run, directory);
        return directory;
    }
}
