using Xunit;
using System.Diagnostics;
using KEchoBench.Tests.Support;

namespace KEchoBench.Tests.Distributed;

/// <summary>
/// scripts/netns/cluster.sh for a test: three namespaces on a bridge (server, two load hosts),
/// each with an agent of this build; torn down on dispose. Needs root (CI runs as root): without
/// it, the fixture fails with the reason, so that the tests that need it fail rather than skip.
/// </summary>
public sealed class ClusterNetns : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"kechobench-netns-test-{Environment.ProcessId}");

    public string Seed => "10.78.0.1:4053";

    public string SecretFile => Path.Combine(Directory, "secret");

    public static string Script
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KEchoBench.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("the repository root is not above the test binaries"), "scripts", "netns", "cluster.sh");
        }
    }

    public string? Problem { get; private set; }

    public async Task InitializeAsync()
    {
        var (code, output, error) = await RunScriptAsync("up");
        if (code != 0)
        {
            Problem = $"scripts/netns/cluster.sh up failed (exit {code}; needs root and iproute2): {output} {error}";
        }
    }

    public async Task DisposeAsync() => await RunScriptAsync("down");

    public void RequireUp() => Assert.True(Problem is null, Problem);

    public Task<(int Code, string Output, string Error)> RunScriptAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Script);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KB_NETNS_DIR"] = Directory;
        info.Environment["KB_SUBNET"] = "10.78.0";
        info.Environment["KECHOBENCH"] = $"dotnet {KEchoBenchProcess.DllPath}";
        info.Environment.Remove("KECHOBENCH_SECRET");
        return RunAsync(info);
    }

    private static async Task<(int, string, string)> RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await output, await error);
    }

    public string AgentLog(string ns) => File.ReadAllText(Path.Combine(Directory, ns + ".log"));
}
