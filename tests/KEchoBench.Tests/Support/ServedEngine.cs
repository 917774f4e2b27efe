using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Tests.Support;

/// <summary>
/// An engine run as a real <c>kechobench serve</c> child, for what only a process of its own shows:
/// its own limits (a low RLIMIT_NOFILE), its CPU time, RSS and open descriptors, and its exit.
/// </summary>
public sealed partial class ServedEngine : IDisposable
{
    private readonly KEchoBenchProcess _process;
    private readonly Task<string> _errors;

    private ServedEngine(KEchoBenchProcess process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;

        // Drained from the start: a child blocked on a full stderr pipe would look like a hung server.
        _errors = process.Process.StandardError.ReadToEndAsync();
    }

    public IPEndPoint EndPoint { get; }

    public int Pid => _process.Process.Id;

    public bool HasExited => _process.Process.HasExited;

    /// <summary>Starts <c>serve --engine ENGINE --port 0</c> with the options given, under an open-file limit, and waits for its ready line.</summary>
    public static async Task<ServedEngine> StartAsync(string engine, int openFiles, CancellationToken cancellation, params string[] options)
    {
        var process = KEchoBenchProcess.StartWithOpenFileLimit(openFiles, ["serve", "--engine", engine, "--port", "0", .. options]);
        try
        {
            string? line = await process.ReadLineAsync(cancellation);
            var match = line is null ? null : ReadyLine().Match(line);
            if (match is not { Success: true })
            {
                throw new InvalidOperationException($"serve did not start: '{line}' {await process.Process.StandardError.ReadToEndAsync(cancellation)}");
            }

            var endPoint = new IPEndPoint(IPAddress.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            return new ServedEngine(process, endPoint);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>CPU time, threads and RSS of the server now.</summary>
    internal ProcessSample Sample() => ProcFs.Sample(Pid) ?? throw new InvalidOperationException("the server process is gone");

    /// <summary>
    /// CPU time of the server's io_uring submission threads (the kernel names them iou-sqp-PID;
    /// only with --sqpoll): the kernel's poller, which spins for its idle time after every wake-up,
    /// apart from the engine's own threads. Zero for every other server.
    /// </summary>
    internal TimeSpan KernelPollerCpu()
    {
        long ticks = 0;
        foreach (string task in Directory.EnumerateDirectories($"/proc/{Pid}/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith("iou-sqp-", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the command's closing parenthesis start at field 3 (state): utime and stime are fields 14 and 15.
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / ProcFs.TicksPerSecond);
    }

    public int OpenDescriptors() => Directory.GetFileSystemEntries($"/proc/{Pid}/fd").Length;

    /// <summary>Stops it with SIGTERM; returns its exit code, its summary line's counters and its stderr.</summary>
    public async Task<(int ExitCode, IReadOnlyDictionary<string, long> Counters, string Errors)> StopAsync(CancellationToken cancellation)
    {
        _process.Terminate();
        string output = await _process.Process.StandardOutput.ReadToEndAsync(cancellation);
        await _process.Process.WaitForExitAsync(cancellation);
        var counters = new Dictionary<string, long>();
        foreach (Match m in Counter().Matches(output))
        {
            counters[m.Groups[1].Value] = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return (_process.Process.ExitCode, counters, await _errors);
    }

    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"^listening on ([0-9.]+):(\d+) ")]
    private static partial Regex ReadyLine();

    // The summary: "accepted=3 closed=3 active=0 rejected=1 ... errors=AcceptFailed=2,Internal=1".
    [GeneratedRegex(@"([A-Za-z]+)=(\d+)")]
    private static partial Regex Counter();
}
