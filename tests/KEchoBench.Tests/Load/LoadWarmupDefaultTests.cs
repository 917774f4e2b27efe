using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Cli.LoadOutput;
using Xunit;

namespace KEchoBench.Tests.Load;

/// <summary>A plain <c>load</c> warms up for a second first (our JIT, not the server, would be measured otherwise), and says so.</summary>
public sealed class LoadWarmupDefaultTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kechobench-warmup-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(null, 1.0, true, "warm-up 1 s (the default; --warmup 0 for none)")]
    [InlineData("0", null, false, "no warm-up")]
    [InlineData("200ms", 0.2, false, "warm-up 0.2 s")]
    public async Task The_warm_up_is_a_second_unless_asked_otherwise_in_the_output_and_the_json(string? warmup, double? seconds, bool isDefault, string said)
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        string json = Path.Combine(_directory, $"{warmup ?? "default"}.json");
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(
            ["load", "--port", engine.LocalEndPoint.Port.ToString(), "--clients", "2", "--requests", "20", "--json", json, .. (warmup is null ? Array.Empty<string>() : ["--warmup", warmup])],
            output,
            error);

        Assert.True(exit == ExitCodes.Success, error.ToString());
        Assert.Contains(said, output.ToString(), StringComparison.Ordinal);
        var document = LoadDocumentStore.Read(json);
        Assert.Equal(seconds, document.Settings.WarmupSeconds);
        Assert.Equal(isDefault, document.Settings.WarmupDefault);
        Assert.Equal(2 * 20, document.Overall.Requests);

        // The warm-up's requests reached the server on top of the measured ones.
        long echoed = engine.Statistics.BytesSent / 64;
        Assert.True(seconds is null ? echoed == 2 * 20 : echoed > 2 * 20, $"{echoed} requests echoed");
    }

    [Fact]
    public async Task A_fault_during_the_default_warm_up_still_counts_and_fails_the_run()
    {
        // The byte lost at offset 100 of a connection falls in the warm-up (its first two 64-byte
        // messages): the connection is kept open, so the measured round's stream never reaches it.
        await using var server = new TestServer(FaultyServers.DropsByte(offset: 100));
        string json = Path.Combine(_directory, "faulty.json");
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(
            ["load", "--port", server.EndPoint.Port.ToString(), "--clients", "1", "--requests", "20", "--timeout", "1s", "--keep-open", "--json", json],
            new StringWriter(),
            error);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("mismatch", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, LoadDocumentStore.Read(json).ErrorsByKind["mismatch"]);
    }
}
