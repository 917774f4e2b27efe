using KEchoBench.Bench.Check;
using KEchoBench.Bench.Cli;
using KEchoBench.Servers.Engines;
using Xunit;

namespace KEchoBench.Tests.Check;

/// <summary><c>kechobench check --spawn ENGINE</c>, end to end, against every built-in engine.</summary>
public sealed class EngineCheckTests
{
    public static TheoryData<string> Engines => [.. EngineRegistry.Names];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Every_engine_passes_every_check(string engine)
    {
        var (exit, document, error) = await RunAsync("--spawn", engine);

        string table = string.Join(Environment.NewLine, document.Checks.Select(c => $"{c.Name} {c.Status}: {c.Reason}"));
        Assert.True(exit == ExitCodes.Success, table + error);
        Assert.Equal(CheckCatalog.Names, document.Checks.Select(c => c.Name));
        Assert.All(document.Checks, c => Assert.Equal("pass", c.Status));
        Assert.Equal(engine, document.Engine);
    }

    private static async Task<(int Exit, CheckDocument Document, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await CommandLine.RunAsync(["check", .. args, "--json", "--max-length", "4200", "--large-size", "4MiB", "--burst", "100"], output, error);
        Assert.True(exit is ExitCodes.Success or ExitCodes.Failure, $"exit {exit}: {error}");
        return (exit, CheckDocument.Parse(output.ToString()), error.ToString());
    }
}
