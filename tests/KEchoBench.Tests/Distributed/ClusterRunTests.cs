using Xunit;
using System.Diagnostics;
using System.Text.Json;
using KEchoBench.Tests.Support;

namespace KEchoBench.Tests.Distributed;

/// <summary>
/// Distributed runs across network namespaces made by scripts/netns/cluster.sh: a load split over
/// two load agents against a server alone in its namespace, an agent killed mid-round, a
/// coordinator without the secret. One cluster for the class (each test leaves the agents idle).
/// </summary>
[Collection(nameof(ClusterRunTests))]
public sealed class ClusterRunTests(ClusterNetns cluster) : IClassFixture<ClusterNetns>
{
    [Fact]
    public async Task A_distributed_load_splits_the_clients_over_both_agents_and_merges_every_request()
    {
        cluster.RequireUp();
        string json = Path.Combine(cluster.Directory, "load.json");
        var (code, output, error) = await KEchoBenchProcess.RunAsync(TimeSpan.FromSeconds(120),
            "load", "--cluster", cluster.Seed, "--secret-file", cluster.SecretFile, "--spawn", "eventloop", "-c", "20", "-n", "200", "--warmup", "0", "--json", json);
        Assert.True(code == 0, $"exit {code}: {output} {error}");
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal(4000, root.GetProperty("overall").GetProperty("requests").GetInt64());
        var agents = root.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(2, agents.Count);
        Assert.All(agents, a => Assert.Equal(10, a.GetProperty("clients").GetInt32()));
        Assert.All(agents, a => Assert.Equal(2000, a.GetProperty("requests").GetInt64()));
        var roles = root.GetProperty("placement").EnumerateArray().Select(p => (p.GetProperty("role").GetString(), p.GetProperty("address").GetString())).ToList();
        Assert.Contains(("server", "10.78.0.1:4053"), roles);
        Assert.Contains(("load", "10.78.0.2:4053"), roles);
        Assert.Contains(("load", "10.78.0.3:4053"), roles);
        Assert.Contains("accepted 'kechobench serve --engine eventloop", cluster.AgentLog("kb-server"));
    }

    [Fact]
    public async Task Bench_ci_profile_over_the_cluster_runs_the_case_on_the_server_host_and_reports_the_placement()
    {
        cluster.RequireUp();
        string results = Path.Combine(cluster.Directory, "bench");

        // The ci profile's cpu scenario on one engine, with BenchmarkDotNet's default (out-of-process)
        // toolchain: the generated project is built, and the benchmark process joins the cluster as
        // the case's coordinator. Three measured rounds instead of twenty keep the test short.
        var (code, output, error) = await KEchoBenchProcess.RunAsync(TimeSpan.FromMinutes(15),
            "bench", "--profile", "ci", "--engines", "eventloop", "--cluster", cluster.Seed, "--secret-file", cluster.SecretFile,
            "--results", results, "--warmupCount", "1", "--iterationCount", "3");
        Assert.True(code == 0, $"exit {code}: {output} {error}");
        string folder = Directory.ResolveLinkTarget(Path.Combine(results, "latest"), returnFinalTarget: true)?.FullName ?? Path.Combine(results, "latest");

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
        var run = document.RootElement;
        var theCase = Assert.Single(run.GetProperty("cases").EnumerateArray());
        Assert.False(theCase.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.String, failure.ToString());
        Assert.Equal("cpu", theCase.GetProperty("scenario").GetString());
        Assert.Equal(3, theCase.GetProperty("iterations").GetArrayLength());

        // The server ran alone on the server host; both load agents carried half the clients and every request.
        var placement = theCase.GetProperty("placement").EnumerateArray().ToList();
        var server = Assert.Single(placement, p => p.GetProperty("role").GetString() == "server");
        Assert.Equal("10.78.0.1:4053", server.GetProperty("address").GetString());
        Assert.Contains("--bind 10.78.0.1", server.GetProperty("ran").GetString());
        Assert.Equal(["10.78.0.2:4053", "10.78.0.3:4053"], placement.Where(p => p.GetProperty("role").GetString() == "load").Select(p => p.GetProperty("address").GetString()).Order());
        var agents = theCase.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(2, agents.Count);
        int clients = theCase.GetProperty("clients").GetInt32();
        Assert.All(agents, a => Assert.Equal(clients / 2, a.GetProperty("clients").GetInt32()));
        long measured = theCase.GetProperty("iterations").EnumerateArray().Sum(i => i.GetProperty("requests").GetInt64());
        Assert.Equal(measured, agents.Sum(a => a.GetProperty("requests").GetInt64()));
        Assert.Equal(agents[0].GetProperty("requests").GetInt64(), agents[1].GetProperty("requests").GetInt64());

        // The usual report, with the placement in both forms.
        string summary = File.ReadAllText(Path.Combine(folder, "summary.md"));
        Assert.Contains("## Placement", summary);
        Assert.Contains("| load | ", summary);
        Assert.Contains("10.78.0.3:4053", summary);
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("id=\"table-placement\"", html);
        Assert.Contains("10.78.0.2:4053", html);
        Assert.Contains("accepted 'kechobench serve --engine eventloop", cluster.AgentLog("kb-server"));
    }

    [Fact]
    public async Task A_coordinator_without_the_secret_is_refused_and_the_refusal_is_logged()
    {
        cluster.RequireUp();
        string wrong = Path.Combine(cluster.Directory, "wrong-secret");
        await File.WriteAllTextAsync(wrong, "not-the-cluster-secret-at-all");
        var (code, output, error) = await KEchoBenchProcess.RunAsync(TimeSpan.FromSeconds(90),
            "load", "--cluster", cluster.Seed, "--secret-file", wrong, "--spawn", "eventloop", "-c", "2", "-n", "10");
        Assert.True(code == 2, $"exit {code}: {output} {error}");
        Assert.Contains("secret", error);
        Assert.Contains("refused", cluster.AgentLog("kb-server"));
        Assert.DoesNotContain("accepted 'kechobench serve --engine eventloop' from akka.tcp://kechobench@10.78.0.254", cluster.AgentLog("kb-server").Split("refused")[^1]);
    }

    [Fact]
    public async Task An_agent_killed_mid_round_fails_the_round_naming_it_and_the_run_ends_in_time()
    {
        cluster.RequireUp();
        try
        {
            await KillMidRoundAsync();
        }
        finally
        {
            // Build the cluster afresh for the other tests: one of its agents is dead.
            await cluster.RunScriptAsync("up");
        }
    }

    private async Task KillMidRoundAsync()
    {
        // A 60 s round; kill a load agent in it: the run must end long before the round would.
        using var run = KEchoBenchProcess.Start("load", "--cluster", cluster.Seed, "--secret-file", cluster.SecretFile, "--spawn", "eventloop",
            "-c", "4", "-d", "60s", "--warmup", "0");
        var output = run.Process.StandardOutput.ReadToEndAsync();
        var error = run.Process.StandardError.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(12));
        var clock = Stopwatch.StartNew();
        var (killed, killOut, killErr) = await cluster.RunScriptAsync("kill", "kb-load2");
        Assert.True(killed == 0, killOut + killErr);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await run.Process.WaitForExitAsync(cts.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40));
        string text = await error;
        Assert.True(run.Process.ExitCode == 1, $"exit {run.Process.ExitCode}: {await output} {text}");
        Assert.Contains("10.78.0.3", text);
        Assert.Contains("unreachable", text);

        // The server it started is stopped: nothing of it is left in the server's namespace but the agent.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain("serve --engine", string.Join('\n', Process.GetProcesses().Select(SafeCommandLine)));
    }

    private static string SafeCommandLine(Process p)
    {
        try
        {
            return File.ReadAllText($"/proc/{p.Id}/cmdline").Replace('\0', ' ') is var line && line.Contains(KEchoBenchProcess.DllPath) && line.Contains("--bind 10.78.0.1") ? line : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
