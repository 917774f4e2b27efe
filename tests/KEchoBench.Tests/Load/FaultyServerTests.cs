using System.Net.Sockets;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Cli.LoadOutput;
using Xunit;
using KEchoBench.Bench.Results;

namespace KEchoBench.Tests.Load;

/// <summary>
/// The load generator against servers that are wrong in one way each: every fault is reported as
/// its own error kind and the command exits 1, never 0.
/// </summary>
public sealed class FaultyServerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kechobench-load-").FullName;

    public static TheoryData<string, string> Faults => new()
    {
        { "drops-byte", "mismatch" },
        { "corrupts-byte", "mismatch" },
        { "cross-talk", "mismatch" },
        { "closes-early", "short-echo" },
        { "resets", "reset" },
        { "stalls", "timeout" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_fault_is_its_own_error_kind_and_exit_code_1(string fault, string kind)
    {
        await using var server = new TestServer(Session(fault));
        string json = Path.Combine(_directory, fault + ".json");
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(
            ["load", "--port", server.EndPoint.Port.ToString(), "--clients", "2", "--requests", "20", "--size", "64", "--timeout", "1s", "--warmup", "0", "--json", json],
            output,
            error);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains(kind, error.ToString());
        var document = LoadDocumentStore.Read(json);
        Assert.Equal([kind], document.ErrorsByKind.Keys);
        Assert.Equal(2, document.ErrorsByKind[kind]);
        Assert.Equal(2, document.Overall.Errors);
        Assert.True(document.Overall.Requests < 2 * 20, "a faulty server cannot have had every request verified");
    }

    [Fact]
    public async Task A_lost_byte_is_caught_by_the_generator_itself()
    {
        await using var server = new TestServer(FaultyServers.DropsByte(offset: 100));
        var report = await LoadGenerator.RunAsync(LoadTestSettings.Small(server.EndPoint) with { Clients = 1, Size = 64, Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(1, report.Errors[LoadErrorKind.Mismatch]);

        // The first message came back whole; the byte lost in the second spoils it and ends the connection.
        Assert.Equal(1, report.Requests);
    }

    [Fact]
    public async Task Nothing_listening_is_a_usage_error_with_a_clear_message()
    {
        int port = LoadTestSettings.FreePort();
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--port", port.ToString(), "--clients", "3"], output, error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"connection refused at 127.0.0.1:{port} — is a server running?", error.ToString());
    }

    [Fact]
    public async Task Burst_against_nothing_is_a_usage_error_too()
    {
        int port = LoadTestSettings.FreePort();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--mode", "burst", "--port", port.ToString(), "--clients", "5"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("connection refused", error.ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Func<int, Socket, CancellationToken, Task> Session(string fault) => fault switch
    {
        "drops-byte" => FaultyServers.DropsByte(offset: 5),
        "corrupts-byte" => FaultyServers.CorruptsByte(offset: 10),
        "cross-talk" => FaultyServers.CrossesTwoConnections(),
        "closes-early" => FaultyServers.ClosesEarly,
        "resets" => FaultyServers.Resets,
        "stalls" => FaultyServers.Stalls,
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };
}
