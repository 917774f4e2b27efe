using System.CommandLine;
using KEchoBench.Bench.Cli;
using Xunit;

namespace KEchoBench.Tests.Cli;

/// <summary>
/// <c>--sqpoll</c> is the uring engine's alone. Given with another engine it must not be ignored (a
/// run labelled SQPOLL that had no submission thread would mislead): every command that takes it
/// exits 2 naming the option, the engine that takes it and the engine that was given.
/// </summary>
public sealed class SqPollOptionTests
{
    [Theory]
    [InlineData("serve|--engine|thread|--sqpoll", "--engine thread")]
    [InlineData("serve|--engine|workqueue|--sqpoll", "--engine workqueue")]
    [InlineData("serve|--engine|cmwq|--sqpoll", "--engine cmwq")]
    [InlineData("serve|--engine|eventloop|--sqpoll", "--engine eventloop")]
    [InlineData("load|--spawn|eventloop|--sqpoll|-c|1|-n|1", "--spawn eventloop")]
    [InlineData("check|--spawn|cmwq|--sqpoll", "--spawn cmwq")]
    public async Task WithAnEngineOtherThanUringItExitsTwoNamingTheOptionAndTheEngines(string arguments, string given)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(arguments.Split('|'), output, error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--sqpoll (a kernel submission thread per io_uring ring) is taken only by engine uring; " + given + " has no ring", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckWithoutSpawnRefusesItAsAServerOption()
    {
        var error = new StringWriter();
        int exit = await CommandLine.RunAsync(["check", "127.0.0.1:1", "--sqpoll"], new StringWriter(), error);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--sqpoll configures the server that --spawn starts", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve", "--engine")]
    [InlineData("load", "--spawn")]
    [InlineData("check", "--spawn")]
    public void WithUringItParsesAndReachesTheEngineOptions(string command, string engineOption)
    {
        var root = new RootCommand { ServeCommand.Create(), LoadCommand.Create(), CheckCommand.Create() };
        var parsed = root.Parse([command, engineOption, "uring", "--sqpoll"]);
        Assert.Empty(parsed.Errors);

        if (command == "serve")
        {
            var options = new EngineOptionSet();
            var serve = new Command("serve");
            options.AddTo(serve);
            Assert.True(options.Read(new RootCommand { serve }.Parse(["serve", "--engine", "uring", "--sqpoll"])).SqPoll);
            Assert.False(options.Read(new RootCommand { serve }.Parse(["serve", "--engine", "uring"])).SqPoll);
        }
    }

    [Fact]
    public void AnAgentTakesItFromACoordinatorForUringOnly()
    {
        Assert.Null(AgentCommand.ValidateServeOptions("uring", ["--sqpoll"]));
        Assert.Null(AgentCommand.ValidateServeOptions("uring", ["--workers", "2", "--sqpoll", "--backlog", "64"]));
        Assert.Contains("taken only by engine uring", AgentCommand.ValidateServeOptions("eventloop", ["--sqpoll"]), StringComparison.Ordinal);
        Assert.Contains("not accepted from a coordinator", AgentCommand.ValidateServeOptions("uring", ["--sqpoll", "--port", "1"]), StringComparison.Ordinal);
    }
}
