using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Cli;

public sealed partial class ServeCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGINT")]
    public async Task ServePrintsTheReadyLineEchoesAndStopsCleanlyOnASignal(string signal)
    {
        using var serve = KEchoBenchProcess.Start("serve", "--engine", "cmwq", "--port", "0");
        using var cts = new CancellationTokenSource(Timeout);

        string? ready = await serve.ReadLineAsync(cts.Token);
        var match = ReadyLine().Match(ready ?? string.Empty);
        Assert.True(match.Success, $"unexpected first line: '{ready}'");
        Assert.Equal("cmwq", match.Groups["engine"].Value);
        var endPoint = new IPEndPoint(IPAddress.Parse(match.Groups["address"].Value), int.Parse(match.Groups["port"].Value));

        using (var client = await EchoClient.ConnectAsync(endPoint, cts.Token))
        {
            Assert.Equal("hi there\r\n"u8.ToArray(), await client.EchoAsync("hi there\r\n"u8.ToArray(), cts.Token));

            // A live session at the moment of the signal: the kecho unload crash, done right.
            if (signal == "SIGTERM")
            {
                serve.Terminate();
            }
            else
            {
                serve.Interrupt();
            }

            Assert.Empty(await client.ReceiveToEndAsync(cts.Token));
        }

        string rest = await serve.Process.StandardOutput.ReadToEndAsync(cts.Token);
        await serve.Process.WaitForExitAsync(cts.Token);
        Assert.Equal(0, serve.Process.ExitCode);
        Assert.Contains($"stopped ({signal}) engine=cmwq", rest);
        Assert.Contains("accepted=1 closed=1", rest);
        Assert.Contains("bytes in=10 out=10", rest);
    }

    [Theory]
    [InlineData("--engine nosuch", "--engine 'nosuch': unknown engine; allowed: thread, workqueue, cmwq, eventloop")]
    [InlineData("--engine cmwq --buffer-size -1", "--buffer-size -1: must be between 1 and 16777216")]
    [InlineData("--engine cmwq --port 70000", "--port 70000: must be between 0 and 65535")]
    [InlineData("--engine eventloop --workers 0", "--workers 0: must be between 1 and 4096")]
    [InlineData("--engine cmwq --work cpu:fast", "--work 'cpu:fast'")]
    [InlineData("--engine cmwq --work sleep:1ms", "'sleep' is not a work kind")]
    [InlineData("--engine cmwq --bind nowhere", "--bind 'nowhere': not an IP address")]
    [InlineData("--engine cmwq --stop-timeout soon", "--stop-timeout 'soon' is not a duration")]
    [InlineData("--port 1", "Option '--engine' is required")]
    public async Task BadOptionsExitWithUsageErrorNamingTheOption(string arguments, string expected)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await KEchoBench.Bench.Cli.CommandLine.RunAsync(["serve", .. arguments.Split(' ')], output, error);

        Assert.Equal(2, code);
        Assert.Contains(expected, error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public async Task APortInUseIsAClearUsageError()
    {
        using var occupier = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupier.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupier.Listen();
        int port = ((IPEndPoint)occupier.LocalEndPoint!).Port;

        var (code, _, error) = await KEchoBenchProcess.RunAsync(Timeout, "serve", "--engine", "thread", "--port", port.ToString());

        Assert.Equal(2, code);
        Assert.Contains($"port {port} is already in use", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task EnginesListsEveryEngineWithItsDescription()
    {
        var output = new StringWriter();
        int code = await KEchoBench.Bench.Cli.CommandLine.RunAsync(["engines"], output, new StringWriter());

        Assert.Equal(0, code);
        foreach (var engine in KEchoBench.Servers.Engines.EngineRegistry.All)
        {
            Assert.Contains($"{engine.Name}", output.ToString());
            Assert.Contains(engine.Description, output.ToString());
        }
    }

    [GeneratedRegex(@"^listening on (?<address>[0-9.]+):(?<port>\d+) engine=(?<engine>\S+) allocations=SIGUSR1$")]
    private static partial Regex ReadyLine();
}
