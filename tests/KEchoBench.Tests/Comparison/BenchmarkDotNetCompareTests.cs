using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Comparison;
using Xunit;

namespace KEchoBench.Tests.Comparison;

/// <summary><c>compare</c> on BenchmarkDotNet full JSON exports: the time metric from per-iteration measurements.</summary>
public sealed class BenchmarkDotNetCompareTests : IDisposable
{
    private const string Parse = "Synthetic.Echo.Parse(Size: 64)";
    private const string Format = "Synthetic.Echo.Format(Size: 64)";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_time_per_operation_from_the_workload_results()
    {
        double[] values = SyntheticRuns.Sample(250, 0.03, 15, seed: 1);
        string file = BenchmarkDotNetExport.Write(_temp.Sub("Echo-report-full.json"), new Dictionary<string, double[]> { [Parse] = values });
        var run = SampleReader.Read(file, "BASE");
        Assert.Equal(BenchmarkDotNetReader.FormatName, run.Format);
        var single = Assert.Single(run.Cases);
        Assert.Equal(Parse, single.Key);
        Assert.Equal(values.Select(v => v / 1000), single.Of(ComparisonMetric.Time), new ToleranceComparer(1e-9));
        Assert.Empty(single.Of(ComparisonMetric.Mean));
    }

    [Fact]
    public void One_benchmark_under_two_jobs_is_two_cases()
    {
        string file = BenchmarkDotNetExport.Write(_temp.Sub("Jobs-report-full.json"), new List<(string, string, double[])>
        {
            (Parse, "ShortRun", SyntheticRuns.Sample(250, 0.03, 3, seed: 6)),
            (Parse, "MediumRun", SyntheticRuns.Sample(250, 0.03, 15, seed: 7)),
        });
        var run = SampleReader.Read(file, "BASE");
        Assert.Equal([$"{Parse}: ShortRun", $"{Parse}: MediumRun"], run.Cases.Select(c => c.Key));
        Assert.Equal([3, 15], run.Cases.Select(c => c.Of(ComparisonMetric.Time).Count));
    }

    [Fact]
    public async Task A_slower_benchmark_exits_1_and_an_unchanged_one_is_the_same()
    {
        string before = BenchmarkDotNetExport.Write(_temp.Sub("base-report-full.json"), new Dictionary<string, double[]>
        {
            [Parse] = SyntheticRuns.Sample(250, 0.03, 15, seed: 2),
            [Format] = SyntheticRuns.Sample(90, 0.03, 15, seed: 3),
        });
        Directory.CreateDirectory(Path.Combine(_temp.Sub("head"), "results"));
        BenchmarkDotNetExport.Write(Path.Combine(_temp.Sub("head"), "results", "Echo-report-full.json"), new Dictionary<string, double[]>
        {
            [Parse] = SyntheticRuns.Sample(325, 0.03, 15, seed: 4),
            [Format] = SyntheticRuns.Sample(90, 0.03, 15, seed: 5),
        });

        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await CommandLine.RunAsync(["compare", before, _temp.Sub("head")], output, error);

        string text = output.ToString();
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"REGRESSION: 1 slower beyond 5%: {Parse} time", text);
        Assert.Contains("cpu: no server CPU time per request values in either run (all 2 cases); compared on time instead", text);
        Assert.Contains("(BenchmarkDotNet, 2 cases)", text);

        // Named metrics are exactly what is tested: no server CPU in an export, so nothing to test.
        using var named = new StringWriter();
        code = await CommandLine.RunAsync(["compare", before, _temp.Sub("head"), "--metric", "cpu"], named, new StringWriter());
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("cpu: no server CPU time per request values in either run (all 2 cases)", named.ToString());
        Assert.DoesNotContain("compared on time instead", named.ToString());
        Assert.DoesNotContain("REGRESSION", named.ToString());
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double obj) => 0;
    }
}
