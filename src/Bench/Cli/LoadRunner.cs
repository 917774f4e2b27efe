using KEchoBench.Bench.Load;
using KEchoBench.Bench.Cli.LoadOutput;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.RunEnvironment;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// What <c>kechobench load</c> does once its options are read: check the settings and limits,
/// spawn the server when asked, run the load with a progress display, print the summary, write
/// the files, and choose the exit code (0 clean, 1 errors, 2 bad usage or unreachable target).
/// </summary>
internal static class LoadRunner
{
    private static readonly TimeSpan ServerReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ServerStopTimeout = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(
        LoadSettings settings,
        string? spawnEngine,
        IReadOnlyList<string> spawnArguments,
        PlacementMode placementMode,
        LoadOutputs outputs,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellation)
    {
        if (await RefuseAsync(settings, outputs, error).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        // Ctrl+C (or SIGTERM) ends the run early but still prints and writes what was measured;
        // a second one terminates at once.
        using var interrupt = new SignalInterrupt(cancellation);
        cancellation = interrupt.Token;

        Placement? placement = null;
        if (spawnEngine is not null && !Placement.TryDecide(placementMode, out placement, out string placementError))
        {
            await error.WriteLineAsync("kechobench load: " + placementError).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var started = DateTimeOffset.UtcNow;
        ServerProcess? server = null;
        if (spawnEngine is not null)
        {
            (server, int? spawnRefused) = await SpawnAsync(spawnEngine, spawnArguments, placement!, output, error, cancellation).ConfigureAwait(false);
            if (server is null)
            {
                return spawnRefused!.Value;
            }

            settings = settings with { Target = server.EndPoint, ServerPid = server.Pid };
        }

        var (report, exit) = await MeasureAsync(settings, server, output, cancellation).ConfigureAwait(false);

        var finished = DateTimeOffset.UtcNow;
        if (report.Unreachable)
        {
            await SayUnreachableAsync(report, settings, error).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        SummaryTable.Write(report, output);
        var spawned = server is null || exit is null ? null : new SpawnedServerRecord(server.Engine, server.Pid, exit.ExitCode, string.Join(' ', spawnArguments), placement?.ToRecord());
        await WriteOutputsAsync(report, outputs, () => LoadDocument.From(report, EnvironmentProbe.Capture(), started, finished, spawned), output).ConfigureAwait(false);
        return await ExitCodeAsync(report, exit, error).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the server for <c>--spawn</c> and pins it and this process as <paramref name="placement"/> says;
    /// the server, or null and the exit code when it could not start or be pinned (said on the error output).
    /// </summary>
    private static async Task<(ServerProcess? Server, int? Refused)> SpawnAsync(
        string spawnEngine,
        IReadOnlyList<string> spawnArguments,
        Placement placement,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellation)
    {
        ServerProcess server;
        try
        {
            server = await ServerProcess.StartAsync(spawnEngine, spawnArguments, ServerReadyTimeout, cancellation).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync("kechobench load --spawn: " + e.Message).ConfigureAwait(false);
            return (null, ExitCodes.Usage);
        }

        // The server first (its threads now, and so every thread they start), then this
        // process, whose generator threads start after it is pinned.
        if (!placement.PinServer(server.Pid) || !placement.PinGenerator())
        {
            await server.StopAsync(ServerStopTimeout).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
            await error.WriteLineAsync($"kechobench load: could not pin ({placement}): sched_setaffinity refused; use --placement shared").ConfigureAwait(false);
            return (null, ExitCodes.Usage);
        }

        await output.WriteLineAsync($"spawned kechobench serve --engine {spawnEngine} {string.Join(' ', spawnArguments)} (pid {server.Pid}) on {LoadText.EndPoint(server.EndPoint)}; {placement}".Replace("  (", " (", StringComparison.Ordinal)).ConfigureAwait(false);
        return (server, null);
    }

    /// <summary>Runs the load with a progress display, then stops the spawned server (if any) whatever happened.</summary>
    private static async Task<(LoadReport Report, ServerExit? Exit)> MeasureAsync(LoadSettings settings, ServerProcess? server, TextWriter output, CancellationToken cancellation)
    {
        await output.WriteLineAsync("kechobench load " + LoadText.Describe(settings)).ConfigureAwait(false);
        LoadReport report;
        ServerExit? exit = null;
        try
        {
            report = await ProgressDisplay.For(output).RunAsync(progress => LoadGenerator.RunAsync(settings, progress, cancellation)).ConfigureAwait(false);
        }
        finally
        {
            if (server is not null)
            {
                exit = await server.StopAsync(ServerStopTimeout).ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }

        return (report, exit);
    }

    /// <summary>Says why no connection was made: no answer in time, or refused.</summary>
    private static async Task SayUnreachableAsync(LoadReport report, LoadSettings settings, TextWriter error)
    {
        string cause = report.Errors.GetValueOrDefault(LoadErrorKind.Timeout) > report.Errors.GetValueOrDefault(LoadErrorKind.Refused)
            ? $"no answer from {LoadText.EndPoint(settings.Target)} within {settings.Timeout.TotalSeconds:0.###} s — is a server running?"
            : $"connection refused at {LoadText.EndPoint(settings.Target)} — is a server running?";
        await error.WriteLineAsync("kechobench load: " + cause).ConfigureAwait(false);
    }

    /// <summary>Settings that cannot run as given, said before anything starts; null when there is none.</summary>
    private static async Task<int?> RefuseAsync(LoadSettings settings, LoadOutputs outputs, TextWriter error)
    {
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                await error.WriteLineAsync("kechobench load: " + problem).ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        if (settings.Mode != LoadMode.Rate && settings.Rate != 0)
        {
            await error.WriteLineAsync("kechobench load: --rate sets the open loop's rate: add --mode rate").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (settings.Mode != LoadMode.Burst && outputs.BenchTxt is not null)
        {
            await error.WriteLineAsync("kechobench load: --bench-txt is written by the burst mode only (--mode burst)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Say so before starting when the connections cannot all be open at once.
        if (OpenFileLimit.EnsureAtLeast(settings.Clients + 64) is { } limit)
        {
            await error.WriteLineAsync("kechobench load: " + limit).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return null;
    }

    /// <summary>The figures to the files asked for: JSON (<paramref name="document"/>, made only when asked), the HdrHistogram log, kecho's bench.txt.</summary>
    internal static async Task WriteOutputsAsync(LoadReport report, LoadOutputs outputs, Func<LoadDocument> document, TextWriter output)
    {
        if (outputs.Json is { } json)
        {
            LoadDocumentStore.Write(document(), json);
            await output.WriteLineAsync("wrote " + json).ConfigureAwait(false);
        }

        if (outputs.Hlog is { } hlog)
        {
            HistogramLog.Write(report, hlog);
            await output.WriteLineAsync("wrote " + hlog).ConfigureAwait(false);
        }

        if (outputs.BenchTxt is { } benchTxt)
        {
            BenchTxt.Write(report.PerConnectionUs, benchTxt);
            await output.WriteLineAsync("wrote " + benchTxt).ConfigureAwait(false);
        }
    }

    /// <summary>0 for a clean run; 1 with errors, a spawned server that did not exit cleanly, or a cancelled run (each said on the error output).</summary>
    private static async Task<int> ExitCodeAsync(LoadReport report, ServerExit? exit, TextWriter error)
    {
        int code = ExitCodes.Success;
        if (report.HasErrors)
        {
            await error.WriteLineAsync($"kechobench load: {report.ErrorCount} errors ({string.Join(", ", report.ErrorsByName.Select(e => $"{e.Key} {e.Value}"))}); {report.ConnectionsEstablished} of {report.ConnectionsRequested} connections established").ConfigureAwait(false);
            code = ExitCodes.Failure;
        }

        if (exit is { Clean: false })
        {
            await error.WriteLineAsync($"kechobench load: the spawned server exited with code {exit.ExitCode}{(exit.Killed ? " (killed: it did not stop on SIGTERM)" : string.Empty)}: {exit.ErrorOutput.Trim()}").ConfigureAwait(false);
            code = ExitCodes.Failure;
        }

        if (report.Cancelled)
        {
            await error.WriteLineAsync("kechobench load: cancelled; the figures cover the part that ran").ConfigureAwait(false);
            code = ExitCodes.Failure;
        }

        return code;
    }
}
