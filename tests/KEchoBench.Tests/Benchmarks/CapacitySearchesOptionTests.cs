using System.CommandLine;
using KEchoBench.Bench.Cli;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary><c>bench --capacity-searches N</c>: more whole searches per cell for a steadier median, at the cost of time.</summary>
public sealed class CapacitySearchesOptionTests
{
    [Fact]
    public void The_count_given_replaces_the_profiles_and_the_rest_of_its_settings_stay()
    {
        var request = Parse("--profile", "capacity", "--capacity-searches", "7", "--slo", "p99=20ms");

        Assert.Equal(7, request.Capacity!.Repeats);
        Assert.Equal(Bench.Benchmarks.Profiles.BenchProfiles.Capacity.Capacity!.Connections, request.Capacity.Connections);
        Assert.Equal("p99=20ms", request.Capacity.Objective.ToString());
    }

    [Fact]
    public void Without_it_the_profile_keeps_its_three()
    {
        var request = Parse("--profile", "capacity");

        Assert.Equal(3, request.Capacity!.Repeats);
        Assert.Null(Parse("--profile", "quick").Capacity);
    }

    [Theory]
    [InlineData("bench|--profile|capacity|--capacity-searches|2", "--capacity-searches 2: must be between 3 and 1000")]
    [InlineData("bench|--profile|quick|--capacity-searches|5", "--capacity-searches: --profile quick searches no capacity; only --profile capacity does")]
    [InlineData("bench|--profile|capacity|--capacity-searches|many", "--capacity-searches 'many': not a whole number")]
    [InlineData("bench|--profile|capacity|--cluster|127.0.0.1:4053", "--cluster: --profile capacity's capacity searches run their servers and load on this host only")]
    public async Task Bad_counts_exit_2_naming_the_option(string arguments, string message)
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(arguments.Split('|'), new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    private static Bench.Benchmarks.Running.BenchRequest Parse(params string[] arguments)
    {
        var options = new BenchOptionSet();
        var command = new Command("bench");
        options.AddTo(command);
        var result = command.Parse(arguments);
        Assert.Empty(result.Errors);
        return options.Request(result);
    }
}
