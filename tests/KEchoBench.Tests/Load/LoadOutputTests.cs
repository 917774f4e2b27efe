using System.Text.Json;
using HdrHistogram;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Cli.LoadOutput;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Load;

/// <summary>The machine outputs: JSON that reads back to the same figures, an HdrHistogram log that HdrHistogram reads, kecho's bench.txt.</summary>
public sealed class LoadOutputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kechobench-load-").FullName;

    [Theory]
    [InlineData("closed")]
    [InlineData("burst")]
    [InlineData("rate")]
    public async Task The_command_writes_json_that_reads_back_with_consistent_counts(string mode)
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        string json = Path.Combine(_directory, mode + ".json");
        string hlog = Path.Combine(_directory, mode + ".hlog");
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(
            ["load", "--mode", mode, "--port", engine.LocalEndPoint.Port.ToString(), "--clients", "5", "--requests", "40", "--rounds", "2", "--json", json, "--hlog", hlog, .. (mode == "rate" ? new[] { "--rate", "5000" } : [])],
            output,
            error);

        Assert.True(exit == ExitCodes.Success, error.ToString());
        var document = LoadDocumentStore.Read(json);
        long expected = mode == "burst" ? 2 * 5 : 2 * 5 * 40;
        Assert.Equal(mode, document.Settings.Mode);
        Assert.Equal(5, document.ConnectionsRequested);
        Assert.Equal(5, document.ConnectionsEstablished);
        Assert.Equal(expected, document.Overall.Requests);
        Assert.Equal(expected, document.Overall.Latency.Count);
        Assert.Equal(0, document.Overall.Errors);
        Assert.Empty(document.ErrorsByKind);
        Assert.Equal(2, document.Iterations.Count);
        Assert.Equal(expected, document.Iterations.Sum(i => i.Requests));
        Assert.NotEmpty(document.Spectrum);
        Assert.Equal(100.0, document.Spectrum[^1].Percentile);
        Assert.True(document.Overall.ClientCpuUsPerRequest > 0);
        Assert.Equal(Environment.ProcessorCount, document.Environment.Cores);
        Assert.Equal(mode == "rate", document.Uncorrected is not null);
        // Closed-loop clients hang up and connect anew each round, as a burst's do: both time their connects.
        Assert.Equal(mode != "rate", document.Connect is not null);
        Assert.Equal(2 * 5, document.Overall.ClientsServed); // each of 5 clients, in each of 2 rounds
        Assert.Equal(0, document.Overall.ClientsFailed);
        Assert.Equal(mode == "burst" ? 5 : 0, document.PerConnectionUs.Count);

        // Writing what was read gives the same text: nothing is lost on the way through.
        string text = await File.ReadAllTextAsync(json);
        Assert.Equal(text, JsonSerializer.Serialize(document, RunResultStore.JsonOptions));

        // The log holds one interval per round (plus the uncorrected/connect ones) and the same count.
        using var reader = new HistogramLogReader(File.OpenRead(hlog));
        var histograms = reader.ReadHistograms().ToList();
        Assert.Equal(4, histograms.Count);
        Assert.Equal(expected, histograms.Where(h => string.IsNullOrEmpty(h.Tag)).Sum(h => h.TotalCount));
    }

    [Fact]
    public async Task Burst_writes_kecho_bench_txt_lines()
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        string file = Path.Combine(_directory, "bench.txt");

        int exit = await CommandLine.RunAsync(
            ["load", "--mode", "burst", "--port", engine.LocalEndPoint.Port.ToString(), "--clients", "8", "--rounds", "2", "--bench-txt", file],
            new StringWriter(),
            new StringWriter());

        Assert.Equal(ExitCodes.Success, exit);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(8, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split(' ');
            Assert.Equal(i.ToString(), parts[0]);
            Assert.True(double.Parse(parts[1]) >= 0);
        }
    }

    [Fact]
    public async Task Histograms_from_several_loops_merge_without_loss()
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        var report = await LoadGenerator.RunAsync(LoadTestSettings.Small(engine.LocalEndPoint) with { Clients = 6, Threads = 3, Rounds = 3, Requests = 30 });

        Assert.Equal(report.Rounds.Sum(r => r.Latency.TotalCount), report.Latency.TotalCount);
        Assert.Equal(report.Rounds.Max(r => r.Latency.GetMaxValue()), report.Latency.GetMaxValue());
        Assert.Equal(6 * 30 * 3, report.Latency.TotalCount);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
