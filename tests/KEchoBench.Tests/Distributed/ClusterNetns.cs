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

    /// <summary>
    /// The script's namespaces, bridge and subnet have fixed names, so two test runs on one machine
    /// (two checkouts, two suites) would tear down each other's cluster: each fixture holds this
    /// machine-wide lock from before "up" until after "down", and a second one waits for it.
    /// </summary>
    public static string LockPath => Path.Combine(Path.GetTempPath(), "kechobench-netns.lock");

    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    private FileStream? _lock;

    public async Task InitializeAsync()
    {
        _lock = await AcquireLockAsync();
        if (_lock is null)
        {
            Problem = $"another test run held {LockPath} (the network namespaces of scripts/netns/cluster.sh) for more than {LockWait.TotalMinutes:0} minutes";
            return;
        }

        var (code, output, error) = await RunScriptAsync("up");
        if (code != 0)
        {
            Problem = $"scripts/netns/cluster.sh up failed (exit {code}; needs root and iproute2): {output} {error}";
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_lock is not null)
            {
                await RunScriptAsync("down");
            }
        }
        finally
        {
            _lock?.Dispose();
        }
    }

    /// <summary>An exclusive open of the lock file: on Linux .NET takes flock(LOCK_EX) for FileShare.None, which another process's open then fails on.</summary>
    private static async Task<FileStream?> AcquireLockAsync()
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

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
