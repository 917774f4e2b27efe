using System.Text.Json;
using KEchoBench.Bench.Cli;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Gate;

/// <summary><c>kechobench ab</c>: usage errors, and short runs of this build against itself.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AbCommandTests
{
    [Theory]
    [InlineData("", "--base-server")]
    [InlineData("--base-server|/no/such/kechobench", "no such file")]
    [InlineData("--base-server|{dll}|--engines|nosuch", "--engines 'nosuch': unknown engine; allowed: ")]
    [InlineData("--base-server|{dll}|--pairs|3", "--pairs 3: must be at least 6")]
    [InlineData("--base-server|{dll}|--pairs|20|--max-pairs|10", "--max-pairs 10: must be at least --pairs (20)")]
    [InlineData("--base-server|{dll}|--margin|0", "--margin 0: must be between 0 and 100")]
    [InlineData("--base-server|{dll}|--inject-work|io:5us", "--inject-work 'io:5us'")]
    [InlineData("--base-server|{dll}|--pairs-per-restart|1", "--pairs-per-restart 1: must be at least 2")]
    public async Task Bad_usage_exits_2_naming_the_option(string arguments, string message)
    {
        var error = new StringWriter();
        string[] args = arguments.Length == 0 ? [] : arguments.Replace("{dll}", KEchoBenchProcess.DllPath, StringComparison.Ordinal).Split('|');
        int code = await CommandLine.RunAsync(["ab", .. args], new StringWriter(), error);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gate_stopped_with_sigterm_stops_both_servers_and_says_it_was_cancelled()
    {
        using var ab = KEchoBenchProcess.Start("ab", "--base-server", KEchoBenchProcess.DllPath, "--engines", "eventloop", "--no-pin", "--pairs", "42", "--max-pairs", "42");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Its servers, once both run: the children of the ab process (a CI runner cancelling the job
        // sends SIGTERM to the job's process, not to the servers it started).
        int[] servers = [];
        await Eventually.TrueAsync(() => (servers = Children(ab.Process.Id)).Length == 2, "both servers started", TimeSpan.FromSeconds(45));
        ab.Terminate();
        await ab.Process.WaitForExitAsync(cts.Token);

        Assert.Equal(ExitCodes.Failure, ab.Process.ExitCode);
        Assert.Contains("cancelled", await ab.Process.StandardError.ReadToEndAsync(cts.Token), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => servers.All(pid => !Directory.Exists($"/proc/{pid}")), "both servers gone", TimeSpan.FromSeconds(20));
    }

    /// <summary>The pids of a process's children (/proc/PID/task/*/children).</summary>
    private static int[] Children(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task")
                .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse)
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [Fact]
    public async Task A_base_that_is_not_a_server_exits_2_with_its_words()
    {
        string script = Path.Combine(Path.GetTempPath(), $"not-a-server-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'no server here' >&2\nexit 3\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var error = new StringWriter();
            int code = await CommandLine.RunAsync(["ab", "--base-server", script, "--engines", "eventloop", "--no-pin", "--pairs", "6"], new StringWriter(), error);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains("no server here", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task This_build_against_itself_is_never_slower_and_records_its_pairs()
    {
        // Six pairs at alpha 0.01 cannot reach "slower" (the smallest one-sided p of six pairs is
        // 1/64); what this checks is the run itself: every pair measured on both sides, in
        // balanced drawn orders, over restarts, and written down with the seed.
        string json = Path.Combine(Path.GetTempPath(), $"ab-{Guid.NewGuid():N}.json");
        var output = new StringWriter();
        int code = await CommandLine.RunAsync(
            ["ab", "--base-server", KEchoBenchProcess.DllPath, "--engines", "eventloop", "--no-pin", "--seed", "17",
             "--pairs", "6", "--max-pairs", "6", "--pairs-per-restart", "3", "--requests", "100", "--rate-round", "150ms", "--output", json],
            output,
            new StringWriter());
        try
        {
            Assert.Equal(ExitCodes.Success, code);
            Assert.DoesNotContain("=> slower", output.ToString(), StringComparison.Ordinal);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = document.RootElement;
            Assert.Equal(17, root.GetProperty("seed").GetInt32());
            var run = root.GetProperty("cases")[0];
            Assert.Equal(2, run.GetProperty("restarts").GetInt32());
            var pairs = run.GetProperty("pairs").EnumerateArray().ToArray();
            Assert.Equal(6, pairs.Length);
            Assert.Equal(3, pairs.Count(p => p.GetProperty("headFirst").GetBoolean()));
            foreach (var side in pairs.SelectMany(p => new[] { p.GetProperty("base"), p.GetProperty("head") }))
            {
                Assert.True(side.GetProperty("values").GetProperty("time").GetDouble() > 0);
                Assert.True(side.GetProperty("values").GetProperty("cpu").GetDouble() > 0);
                Assert.True(side.GetProperty("values").GetProperty("p99").GetDouble() > 0);
                Assert.Equal(0, side.GetProperty("errors").GetInt64());
            }
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Theory]
    // block:200us puts a sleep, and so a voluntary context switch, on every echo of the head only:
    // the eventloop engine otherwise hardly switches, so every pair shows it (eight pairs: p =
    // 1/256, and below 0.05 still with two pairs left out for a steal jump).
    [InlineData("block:200us", "vcsw", 5)]
    // alloc:16KiB per echo of the head only: the eventloop echoes from a pooled buffer and
    // allocates next to nothing per request, so every pair shows it and the clock plays no part.
    [InlineData("alloc:16KiB", "alloc", 6)]
    public async Task Work_injected_into_the_head_is_slower_in_the_metric_that_sees_it(string work, string metric, int seed)
    {
        var output = new StringWriter();
        int code = await CommandLine.RunAsync(
            ["ab", "--base-server", KEchoBenchProcess.DllPath, "--engines", "eventloop", "--no-pin", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--alpha", "0.05",
             "--pairs", "8", "--max-pairs", "8", "--pairs-per-restart", "8", "--requests", "30", "--rate-round", "100ms", "--inject-work", work],
            output,
            new StringWriter());
        string text = output.ToString();
        Assert.True(code == ExitCodes.Failure, text);
        string line = text.Split('\n').Single(l => l.TrimStart().StartsWith(metric + " ", StringComparison.Ordinal));
        Assert.True(line.TrimEnd().EndsWith("slower", StringComparison.Ordinal), text);
        Assert.Contains($"with --inject-work {work}", text, StringComparison.Ordinal);
    }
}
