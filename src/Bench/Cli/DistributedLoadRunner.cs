using System.Globalization;
using System.Net;
using KEchoBench.Bench.Distributed;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Cli.LoadOutput;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.RunEnvironment;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench load --cluster SEED</c>: the same experiment as <see cref="LoadRunner"/>, its load
/// split over the cluster's load agents and, with <c>--spawn</c>, its server on the server agent.
/// Prints the same summary plus the placement and each agent's figures; exit 0 clean, 1 errors or
/// a lost agent, 2 bad usage (no agent at the seed, secrets or versions that differ, a server that
/// does not start).
/// </summary>
internal static class DistributedLoadRunner
{
    public static async Task<int> RunAsync(
        LoadSettings settings,
        string seedsText,
        FileInfo? secretFile,
        string? spawnEngine,
        IReadOnlyList<string> spawnArguments,
        LoadOutputs outputs,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellation)
    {
        if (ClusterCoordinator.ParseSeeds(seedsText, out string problem) is not { } seeds
            || ClusterSecret.Read(secretFile, out problem) is not { } secret)
        {
            await error.WriteLineAsync("kechobench load: " + problem).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (await RefuseAsync(settings, error).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        using var interrupt = new SignalInterrupt(cancellation);
        cancellation = interrupt.Token;
        var started = DateTimeOffset.UtcNow;
        var run = new ClusterLoadRun(settings);
        try
        {
            await JoinAsync(run, seeds, secret, seedsText, spawnEngine, spawnArguments, output, cancellation).ConfigureAwait(false);
            run.Report = await LoadGenerator.RunAsync(run.Load!, progress: null, cancellation).ConfigureAwait(false);
        }
        catch (ClusterException e)
        {
            run.Failure = e.Message;
            run.FailureCode = e.UserInput ? ExitCodes.Usage : ExitCodes.Failure;
        }
        finally
        {
            await CloseAsync(run, error).ConfigureAwait(false);
        }

        run.Report ??= CompletedRounds(run);
        if (run.Cluster is not null)
        {
            await run.Cluster.DisposeAsync().ConfigureAwait(false);
        }

        if (run.Report is not null)
        {
            await ReportAsync(run, run.Report, outputs, started, output).ConfigureAwait(false);
        }

        return await ExitCodeAsync(run, error).ConfigureAwait(false);
    }

    /// <summary>Settings that cannot run on the cluster as given, said before anything starts; null when there is none.</summary>
    private static async Task<int?> RefuseAsync(LoadSettings settings, TextWriter error)
    {
        var invalid = settings.Validate();
        if (invalid.Count > 0 || (settings.Mode != LoadMode.Rate && settings.Rate != 0))
        {
            await error.WriteLineAsync("kechobench load: " + (invalid.Count > 0 ? string.Join("; ", invalid) : "--rate sets the open loop's rate: add --mode rate")).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (settings.ServerPid is not null)
        {
            await error.WriteLineAsync("kechobench load: --server-pid names a process on this host; with --cluster the server agent reads the server's figures (use --spawn)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return null;
    }

    /// <summary>Joins the cluster, starts the server on its agent when asked, opens the load on the load agents and says where each part runs.</summary>
    private static async Task JoinAsync(
        ClusterLoadRun run,
        IReadOnlyList<IPEndPoint> seeds,
        ClusterSecret secret,
        string seedsText,
        string? spawnEngine,
        IReadOnlyList<string> spawnArguments,
        TextWriter output,
        CancellationToken cancellation)
    {
        var cluster = await ClusterCoordinator.ConnectAsync(seeds, secret, cancellation).ConfigureAwait(false);
        run.Cluster = cluster;
        run.Placement.Add(cluster.Self);
        await output.WriteLineAsync($"joined the cluster at {seedsText}: {cluster.LoadAgents.Count} load agent(s), {cluster.ServerAgents.Count} server agent(s)").ConfigureAwait(false);
        if (spawnEngine is not null)
        {
            var server = await RemoteServer.StartAsync(cluster, spawnEngine, spawnArguments, cancellation).ConfigureAwait(false);
            run.Server = server;
            run.Settings = run.Settings with { Target = server.EndPoint };
            run.Placement.Add(server.Placement);
            await output.WriteLineAsync($"server agent {server.Agent.Info.HostName} started {server.Started.CommandLine} (pid {server.Started.Pid}) on {LoadText.EndPoint(server.EndPoint)}").ConfigureAwait(false);
        }

        run.Load = await DistributedLoad.OpenAsync(cluster, run.Settings, run.Server, cancellation).ConfigureAwait(false);
        run.Placement.AddRange(run.Load.Placement);
        await output.WriteLineAsync("kechobench load " + LoadText.Describe(run.Settings)).ConfigureAwait(false);
        foreach (var entry in run.Placement)
        {
            await output.WriteLineAsync($"  {entry.Role,-11} {entry.Host} ({entry.Address}, {entry.Cores} cores): {entry.Ran}").ConfigureAwait(false);
        }
    }

    /// <summary>Closes the load on its agents and stops the server, whichever of them were started.</summary>
    private static async Task CloseAsync(ClusterLoadRun run, TextWriter error)
    {
        if (run.Load is not null)
        {
            await run.Load.DisposeAsync().ConfigureAwait(false);
        }

        if (run.Server is not null)
        {
            await StopAsync(run.Server, error).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What was measured before a failure is kept: the rounds that completed, as a report to print and
    /// write; null when no round completed.
    /// </summary>
    private static LoadReport? CompletedRounds(ClusterLoadRun run) =>
        run.Load is { } load && load.MeasuredRounds.Count > 0
            ? new LoadReport(run.Settings, load.ConnectionsEstablished, load.ConnectErrors, [.. load.MeasuredRounds.Select(r => r.Merged)])
            : null;

    /// <summary>The summary, each agent's figures, and the files asked for.</summary>
    private static async Task ReportAsync(ClusterLoadRun run, LoadReport report, LoadOutputs outputs, DateTimeOffset started, TextWriter output)
    {
        SummaryTable.Write(report, output);
        var agents = run.Load?.AgentTotals ?? [];
        foreach (var agent in agents)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  agent {agent.Host} ({agent.Address}): {agent.Clients} clients, {agent.Requests:N0} requests, {agent.Errors} errors, client CPU {agent.ClientCpuPercent:0}% of a core{(agent.Overloaded ? " — OVERLOADED: this generator was at its own limit" : string.Empty)}")).ConfigureAwait(false);
        }

        await LoadRunner.WriteOutputsAsync(
            report,
            outputs,
            () => LoadDocument.From(report, EnvironmentProbe.Capture(), started, DateTimeOffset.UtcNow, null) with { Placement = run.Placement, Agents = agents },
            output).ConfigureAwait(false);
    }

    /// <summary>The cluster's failure, or 0 for a clean run; 2 when nothing answered; 1 with errors, a cancelled run or nothing measured (each said on the error output).</summary>
    private static async Task<int> ExitCodeAsync(ClusterLoadRun run, TextWriter error)
    {
        var report = run.Report;
        if (run.Failure is not null)
        {
            await error.WriteLineAsync("kechobench load: " + run.Failure + (report is null ? string.Empty : $" (the {report.Rounds.Count} round(s) completed before it are reported above)")).ConfigureAwait(false);
            return run.FailureCode;
        }

        if (report is null)
        {
            return ExitCodes.Failure;
        }

        if (report.Unreachable)
        {
            await error.WriteLineAsync($"kechobench load: the load agents could not connect to {LoadText.EndPoint(run.Settings.Target)} — is a server running there?").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (report.HasErrors)
        {
            await error.WriteLineAsync($"kechobench load: {report.ErrorCount} errors ({string.Join(", ", report.ErrorsByName.Select(e => $"{e.Key} {e.Value}"))})").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return report.Cancelled ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Stops the server on its agent, saying so when it did not exit cleanly or could not be stopped.</summary>
    private static async Task StopAsync(RemoteServer server, TextWriter error)
    {
        try
        {
            var stopped = await server.StopAsync().ConfigureAwait(false);
            if (!stopped.Clean)
            {
                await error.WriteLineAsync($"kechobench load: the server exited with code {stopped.ExitCode}{(stopped.Killed ? " (killed: it did not stop on SIGTERM)" : string.Empty)}: {stopped.ErrorOutput.Trim()}").ConfigureAwait(false);
            }
        }
        catch (ClusterException e)
        {
            await error.WriteLineAsync("kechobench load: could not stop the server: " + e.Message).ConfigureAwait(false);
        }
    }
}
