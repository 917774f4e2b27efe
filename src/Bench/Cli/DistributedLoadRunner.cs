using System.Globalization;
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

        using var interrupt = new SignalInterrupt(cancellation);
        cancellation = interrupt.Token;
        var started = DateTimeOffset.UtcNow;
        ClusterCoordinator? cluster = null;
        RemoteServer? server = null;
        DistributedLoad? load = null;
        LoadReport? report = null;
        string? failure = null;
        int failureCode = ExitCodes.Failure;
        var placement = new List<PlacementEntry>();
        try
        {
            cluster = await ClusterCoordinator.ConnectAsync(seeds, secret, cancellation).ConfigureAwait(false);
            placement.Add(cluster.Self);
            await output.WriteLineAsync($"joined the cluster at {seedsText}: {cluster.LoadAgents.Count} load agent(s), {cluster.ServerAgents.Count} server agent(s)").ConfigureAwait(false);
            if (spawnEngine is not null)
            {
                server = await RemoteServer.StartAsync(cluster, spawnEngine, spawnArguments, cancellation).ConfigureAwait(false);
                settings = settings with { Target = server.EndPoint };
                placement.Add(server.Placement);
                await output.WriteLineAsync($"server agent {server.Agent.Info.HostName} started {server.Started.CommandLine} (pid {server.Started.Pid}) on {LoadText.EndPoint(server.EndPoint)}").ConfigureAwait(false);
            }

            load = await DistributedLoad.OpenAsync(cluster, settings, server, cancellation).ConfigureAwait(false);
            placement.AddRange(load.Placement);
            await output.WriteLineAsync("kechobench load " + LoadText.Describe(settings)).ConfigureAwait(false);
            foreach (var entry in placement)
            {
                await output.WriteLineAsync($"  {entry.Role,-11} {entry.Host} ({entry.Address}, {entry.Cores} cores): {entry.Ran}").ConfigureAwait(false);
            }

            report = await LoadGenerator.RunAsync(load, progress: null, cancellation).ConfigureAwait(false);
        }
        catch (ClusterException e)
        {
            failure = e.Message;
            failureCode = e.UserInput ? ExitCodes.Usage : ExitCodes.Failure;
        }
        finally
        {
            if (load is not null)
            {
                await load.DisposeAsync().ConfigureAwait(false);
            }

            if (server is not null)
            {
                await StopAsync(server, error).ConfigureAwait(false);
            }
        }

        // What was measured before a failure is kept: the rounds that completed are reported and written.
        if (report is null && load is not null && load.MeasuredRounds.Count > 0)
        {
            report = new LoadReport(settings, load.ConnectionsEstablished, load.ConnectErrors, [.. load.MeasuredRounds.Select(r => r.Merged)]);
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
        }

        if (report is not null)
        {
            SummaryTable.Write(report, output);
            var agents = load?.AgentTotals ?? [];
            foreach (var agent in agents)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  agent {agent.Host} ({agent.Address}): {agent.Clients} clients, {agent.Requests:N0} requests, {agent.Errors} errors, client CPU {agent.ClientCpuPercent:0}% of a core{(agent.Overloaded ? " — OVERLOADED: this generator was at its own limit" : string.Empty)}")).ConfigureAwait(false);
            }

            await LoadRunner.WriteOutputsAsync(
                report,
                outputs,
                () => LoadDocument.From(report, EnvironmentProbe.Capture(), started, DateTimeOffset.UtcNow, null) with { Placement = placement, Agents = agents },
                output).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            await error.WriteLineAsync("kechobench load: " + failure + (report is null ? string.Empty : $" (the {report.Rounds.Count} round(s) completed before it are reported above)")).ConfigureAwait(false);
            return failureCode;
        }

        if (report is null)
        {
            return ExitCodes.Failure;
        }

        if (report.Unreachable)
        {
            await error.WriteLineAsync($"kechobench load: the load agents could not connect to {LoadText.EndPoint(settings.Target)} — is a server running there?").ConfigureAwait(false);
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
