using System.Net;
using System.Net.Sockets;
using KEchoBench.Bench.Check;
using KEchoBench.Bench.Cli;
using KEchoBench.Tests.Load;
using Xunit;

namespace KEchoBench.Tests.Check;

/// <summary>The command's surface: exit codes, the table and its evidence, <c>--only</c>/<c>--skip</c>, and usage errors that name what is allowed.</summary>
public sealed class CheckCommandTests
{
    private static readonly string[] Small = ["--max-length", "300", "--large-size", "1MiB", "--burst", "20", "--timeout", "5s"];

    [Fact]
    public async Task A_defect_exits_1_with_a_plain_table_the_evidence_and_a_summary()
    {
        await using var server = new TestServer(BrokenServers.ClosingAtTheEnd(BrokenServers.SendsWholeBuffer));
        var (exit, output, _) = await RunAsync(["check", $"127.0.0.1:{server.EndPoint.Port}", "--only", "echo,binary", .. Small]);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("| echo   | FAIL    | sent 1 byte", output, StringComparison.Ordinal);
        Assert.Contains("needs a working 'echo'", output, StringComparison.Ordinal);
        Assert.Contains("echo: first difference at byte 1", output, StringComparison.Ordinal);
        Assert.Contains("  received @0: ", output, StringComparison.Ordinal);
        Assert.Contains("2 checks: 0 pass, 1 FAIL, 1 skipped", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public async Task A_good_server_given_by_port_alone_exits_0()
    {
        await using var server = new TestServer(BrokenServers.Correct);
        var (exit, output, error) = await RunAsync(["check", server.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skip", "burst,large", .. Small, "--json"]);

        Assert.True(exit == ExitCodes.Success, output + error);
        var document = CheckDocument.Parse(output);
        Assert.Equal(CheckCatalog.Names.Except(["burst", "large"]), document.Checks.Select(c => c.Name));
        Assert.All(document.Checks.Where(c => c.Status != "pass"), c => Assert.Contains("needs --spawn", c.Reason, StringComparison.Ordinal));
        Assert.Equal(3, document.Skipped);
    }

    [Fact]
    public async Task Nothing_listening_exits_2_and_says_so()
    {
        using var free = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        free.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)free.LocalEndPoint!).Port;
        free.Close();

        var (exit, _, error) = await RunAsync(["check", $"localhost:{port}", "--timeout", "2s"]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"no server accepts connections at 127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "check", "1234", "--only", "echo,nosuch" }, "--only 'nosuch': unknown check; allowed: echo, pipelined, binary, telnet, connections, large, half-close, burst, reset, stop, rebind, fd-limit")]
    [InlineData(new[] { "check", "1234", "--skip", "Echo" }, "--skip 'Echo': unknown check; allowed: echo,")]
    [InlineData(new[] { "check" }, "say which server to check: an address ([HOST:]PORT) or --spawn ENGINE")]
    [InlineData(new[] { "check", "1234", "--spawn", "cmwq" }, "--spawn starts its own server on an ephemeral port: leave out the address")]
    [InlineData(new[] { "check", "--spawn", "nosuch" }, "--spawn 'nosuch': unknown engine; allowed: thread, workqueue, cmwq, eventloop")]
    [InlineData(new[] { "check", "1234", "--workers", "2" }, "--workers configures the server that --spawn starts")]
    [InlineData(new[] { "check", "host:80" }, "address 'host:80': 'host' is not an IP address")]
    [InlineData(new[] { "check", "127.0.0.1:99999" }, "address '127.0.0.1:99999': the port must be a number between 1 and 65535")]
    [InlineData(new[] { "check", "1234", "--large-size", "lots" }, "--large-size 'lots': not a size")]
    [InlineData(new[] { "check", "1234", "--burst", "0" }, "--burst 0: must be at least 1")]
    public async Task Bad_usage_exits_2_naming_the_option_and_what_is_allowed(string[] args, string message)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await CommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
