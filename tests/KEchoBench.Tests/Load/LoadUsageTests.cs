using KEchoBench.Bench.Cli;
using Xunit;

namespace KEchoBench.Tests.Load;

/// <summary>Bad input: exit 2 with a message naming the option and what is allowed.</summary>
public sealed class LoadUsageTests
{
    [Theory]
    [InlineData("--mode", "sideways", "--mode 'sideways': allowed values are closed, burst, rate")]
    [InlineData("--payload", "html", "--payload 'html': allowed values are pattern, telnet")]
    [InlineData("--clients", "0", "--clients 0: must be at least 1")]
    [InlineData("--pipeline", "0", "--pipeline 0: must be between 1 and 1024")]
    [InlineData("--size", "0", "--size 0: must be between 1 and")]
    [InlineData("--timeout", "soon", "--timeout")]
    [InlineData("--warmup", "later", "--warmup 'later': expected a count")]
    [InlineData("--host", "example", "--host 'example': not an IP address")]
    [InlineData("--spawn", "nginx", "--spawn 'nginx': unknown engine; allowed:")]
    [InlineData("--server-pid", "999999999", "--server-pid 999999999: no such process")]
    [InlineData("--server-pid", "0", "--server-pid 0: must be a process id")]
    public async Task Bad_options_name_themselves_and_exit_2(string option, string value, string message)
    {
        var error = new StringWriter();

        string[] args = option == "--spawn" ? ["load", option, value] : ["load", option, value, "--port", "1"];

        int exit = await CommandLine.RunAsync(args, new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error.ToString());
    }

    [Fact]
    public async Task Spawn_chooses_its_own_port()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--spawn", "cmwq", "--port", "12345"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("leave out --host and --port", error.ToString());
    }

    [Fact]
    public async Task The_rate_mode_needs_a_rate()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--mode", "rate", "--port", "1"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--rate", error.ToString());
    }

    [Fact]
    public async Task A_rate_without_the_rate_mode_is_a_mistake()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--rate", "1000", "--port", "1"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("add --mode rate", error.ToString());
    }

    [Fact]
    public async Task Bench_txt_belongs_to_the_burst_mode()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--bench-txt", "x.txt", "--port", "1"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--bench-txt", error.ToString());
    }
}
