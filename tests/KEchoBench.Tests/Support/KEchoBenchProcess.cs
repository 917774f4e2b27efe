using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KEchoBench.Tests.Support;

/// <summary>Runs the real <c>kechobench</c> program (copied next to the tests) as a child process.</summary>
public sealed partial class KEchoBenchProcess : IDisposable
{
    private readonly Process _process;

    private KEchoBenchProcess(Process process) => _process = process;

    public Process Process => _process;

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "kechobench.dll");

    /// <summary>
    /// Starts the program as a shell at a terminal would, with SIGINT at its default. A shell that
    /// runs a job in the background without job control (nohup, cron, a CI runner's script) starts
    /// it with SIGINT ignored, children inherit that, and the runtime then leaves SIGINT ignored in
    /// the program too, as a background job should: so a test that presses Ctrl-C must put the
    /// default back (coreutils' <c>env --default-signal</c>), or it would test the shell, not us.
    /// </summary>
    public static KEchoBenchProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("env");
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        return Start(info, args);
    }

    /// <summary>
    /// Starts the program with its open-file limit (RLIMIT_NOFILE, soft and hard) lowered to
    /// <paramref name="openFiles"/>: a shell sets it, then execs dotnet, so the process id is the server's.
    /// </summary>
    public static KEchoBenchProcess StartWithOpenFileLimit(int openFiles, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/sh");
        foreach (string arg in new[] { "-c", $"ulimit -n {openFiles} && exec dotnet \"$@\"", "sh" })
        {
            info.ArgumentList.Add(arg);
        }

        return Start(info, args);
    }

    private static KEchoBenchProcess Start(ProcessStartInfo info, string[] args)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        info.ArgumentList.Add(DllPath);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new KEchoBenchProcess(Process.Start(info)!);
    }

    /// <summary>Runs to completion; returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var run = Start(args);
        var output = run._process.StandardOutput.ReadToEndAsync();
        var error = run._process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await run._process.WaitForExitAsync(cts.Token);
        return (run._process.ExitCode, await output, await error);
    }

    public Task<string?> ReadLineAsync(CancellationToken cancellation) => _process.StandardOutput.ReadLineAsync(cancellation).AsTask();

    /// <summary>Sends SIGTERM, the signal service managers stop daemons with.</summary>
    public void Terminate() => Signal(15);

    public void Interrupt() => Signal(2);

    private void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
