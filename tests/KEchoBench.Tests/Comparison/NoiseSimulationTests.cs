using System.Globalization;
using System.Text;
using KEchoBench.Bench.Comparison;
using Xunit;
using Xunit.Abstractions;

namespace KEchoBench.Tests.Comparison;

/// <summary>
/// Simulated false-alarm and detection rates of <c>compare</c> (the table in docs/ci.md). Run with
/// <c>dotnet test -c Release --filter NoiseSimulationTests --logger "console;verbosity=detailed"</c>
/// to print the table.
/// </summary>
public sealed class NoiseSimulationTests(ITestOutputHelper output)
{
    private const int Pairs = 1000;
    private const int TestsPerComparison = 16; // e.g. 8 cases x 2 default metrics
    private const int Comparisons = 100;

    private static readonly NoiseScenario Quiet = new("lognormal, CV 5 %", 0.05);
    private static readonly NoiseScenario Noisy = new("lognormal, CV 10 %", 0.10);
    private static readonly NoiseScenario Hiccups = new("CV 5 %, 5 % of iterations +50 % (hiccups)", 0.05, OutlierShare: 0.05, OutlierFactor: 1.5);
    private static readonly NoiseScenario Drift = new("CV 5 %, whole-run drift CV 3 % (base and head minutes apart)", 0.05, RunDriftCv: 0.03);

    [Theory]
    [InlineData("quiet", 10)]
    [InlineData("hiccups", 10)]
    [InlineData("noisy", 20)]
    public void Recommended_setting_rarely_cries_wolf_and_catches_a_20_percent_slowdown(string noise, int iterations)
    {
        // 10 iterations per side when iterations scatter by about 5 %, 20 when by about 10 %.
        var scenario = noise switch { "quiet" => Quiet, "hiccups" => Hiccups, _ => Noisy };
        var simulation = new NoiseSimulation(scenario, seed: 42);
        double falseAlarms = simulation.SlowerRate(iterations, 1.0, ComparisonSettings.Default, Pairs);
        double detected = simulation.SlowerRate(iterations, 1.2, ComparisonSettings.Default, Pairs);
        output.WriteLine($"{scenario.Name}, {iterations} iterations: false alarms {falseAlarms:P1}, 20 % slowdown detected {detected:P1}");
        Assert.True(falseAlarms <= 0.01, $"{falseAlarms:P1} false alarms");
        Assert.True(detected >= 0.95, $"only {detected:P1} of 20 % slowdowns detected");
    }

    [Fact]
    public void Without_a_threshold_every_test_cries_wolf_at_about_alpha()
    {
        // The reason for the threshold: a bare significance test flags alpha of unchanged cases,
        // and a comparison of many cases then almost always has one.
        var simulation = new NoiseSimulation(Quiet, seed: 7);
        var bare = ComparisonSettings.Default with { ThresholdPercent = 0 };
        double perTest = simulation.SlowerRate(10, 1.0, bare, Pairs);
        double perComparison = simulation.AnySlowerRate(10, TestsPerComparison, bare, 300);
        output.WriteLine($"threshold 0: {perTest:P1} per test, {perComparison:P1} per comparison of {TestsPerComparison}");
        Assert.InRange(perTest, 0.02, 0.08);
        Assert.True(perComparison > 0.3, $"{perComparison:P1}");
    }

    [Fact]
    public void Table_for_docs()
    {
        // (scenario, iterations per side, threshold %): the rows of the table in docs/ci.md.
        var rows = new (NoiseScenario Scenario, int Iterations, double Threshold, int Runs)[]
        {
            (Quiet, 10, 0, 1), (Quiet, 5, 5, 1), (Quiet, 10, 5, 1), (Quiet, 10, 10, 1),
            (Noisy, 10, 5, 1), (Noisy, 20, 5, 1), (Noisy, 10, 10, 1),
            (Hiccups, 10, 5, 1), (Hiccups, 10, 10, 1),
            (Drift, 10, 5, 1), (Drift, 20, 5, 1), (Drift, 10, 10, 1), (Drift, 10, 5, 2), (Drift, 20, 5, 4),
        };
        var table = new StringBuilder();
        table.AppendLine($"| noise model | iterations per side (runs pooled) | threshold | false alarms per test ({Pairs} pairs) | comparisons of {TestsPerComparison} unchanged tests with a false alarm ({Comparisons}) | 20 % slowdown detected ({Pairs} pairs) |");
        table.AppendLine("|---|--:|--:|--:|--:|--:|");
        int seed = 1000;
        foreach (var (scenario, n, threshold, runs) in rows)
        {
            var settings = ComparisonSettings.Default with { ThresholdPercent = threshold };
            var simulation = new NoiseSimulation(scenario, seed++);
            double falseAlarms = simulation.SlowerRate(n, 1.0, settings, Pairs, runs);
            double perComparison = simulation.AnySlowerRate(n, TestsPerComparison, settings, Comparisons, runs);
            double detected = simulation.SlowerRate(n, 1.2, settings, Pairs, runs);
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Name} | {n}{(runs > 1 ? $" ({runs} runs)" : string.Empty)} | {threshold:0} % | {falseAlarms:P1} | {perComparison:P0} | {detected:P1} |"));

            // What could fail: a real 20 % slowdown must be flagged far more often than no change.
            Assert.True(detected > falseAlarms + 0.5, $"{scenario.Name}, n={n}, threshold {threshold}%: detected {detected:P1}, false alarms {falseAlarms:P1}");
        }

        output.WriteLine(table.ToString());
    }
}
