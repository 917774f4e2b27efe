using System.CommandLine;
using System.Net.Sockets;
using KEchoBench.Bench.Processes;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using KEchoBench.Servers.Statistics;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench serve</c>: runs one engine as a daemon until SIGINT or SIGTERM. Prints one line,
/// <c>listening on ADDR:PORT engine=NAME allocations=SIGUSR1</c>, once it accepts connections (tools
/// wait for it), a line <c>allocated BYTES</c> for every SIGUSR1 (the A/B gate reads the bytes
/// allocated per request that way), and a one-line summary when it stops (<see cref="ServeProtocol"/>).
/// The runtime's counters are at <see cref="RuntimeCountersEndpoint.PathFor"/>(its process id) while it runs.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var options = new EngineOptionSet();
        var stopTimeout = new Option<TimeSpan>("--stop-timeout")
        {
            Description = "How long a graceful stop may take before live sessions are reset (e.g. 5s)",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
            CustomParser = DurationOption.Parse,
        };

        var command = new Command("serve", "Run an echo-server engine until SIGINT/SIGTERM (telnet 127.0.0.1 12345 to try it).");
        options.AddTo(command);
        command.Options.Add(stopTimeout);
        command.SetAction((result, cancellation) =>
            RunAsync(result.GetValue(options.Engine)!, options.Read(result), result.GetValue(stopTimeout), result.InvocationConfiguration, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string engineName, EngineOptions engineOptions, TimeSpan stopTimeout, InvocationConfiguration io, CancellationToken cancellation)
    {
        using var loggerFactory = CreateLoggerFactory(engineOptions.Verbose);
        var engine = EngineRegistry.Create(engineName, engineOptions, loggerFactory);
        if (await StartAsync(engine, engineOptions, io).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        // Live counters for dotnet-counters and other metric listeners; read only when one listens.
        using var meter = new ServerMeter(engine);
        using var signals = new ServeSignals(io.Output, cancellation);

        // Said once at the start, on stderr (stdout carries only the ready line): what the server
        // does when a limit is reached, so that nobody has to learn it from a crash.
        await io.Error.WriteLineAsync($"kechobench serve: at the limits: {engine.DescribeLimits()}").ConfigureAwait(false);

        // The runtime's counters for a load generator that knows this process's id (read at its
        // rounds' edges): open before the ready line, so that a round never finds it missing, and
        // after the limits are counted, so that the room announced is the engine's alone. A server
        // that cannot open it still serves, and says why once.
        using var runtime = OpenRuntimeEndpoint(loggerFactory.CreateLogger("serve"), io);

        var endPoint = engine.LocalEndPoint;
        await io.Output.WriteLineAsync($"{ServeProtocol.ReadyPrefix}{FormatEndPoint(endPoint)} engine={engine.Name} {ServeProtocol.AllocationsToken}").ConfigureAwait(false);
        await io.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);

        string signal = await signals.Stopped.ConfigureAwait(false);
        await StopAsync(engine, signal, stopTimeout, io).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static ILoggerFactory CreateLoggerFactory(bool verbose) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }));

    /// <summary>Starts <paramref name="engine"/>; null once it listens, else the exit code after saying why it cannot.</summary>
    private static async Task<int?> StartAsync(Engine engine, EngineOptions engineOptions, InvocationConfiguration io)
    {
        try
        {
            engine.Start();
            return null;
        }
        catch (SocketException e)
        {
            await io.Error.WriteLineAsync("kechobench serve: " + DescribeListenFailure(e, engineOptions)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (PlatformNotSupportedException e)
        {
            await io.Error.WriteLineAsync($"kechobench serve: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    /// <summary>Why the listening socket could not be opened, in terms of the option to change.</summary>
    private static string DescribeListenFailure(SocketException e, EngineOptions engineOptions) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => $"port {engineOptions.Port} is already in use on {engineOptions.BindAddress} (--port): stop the other server or choose another port",
        SocketError.AddressNotAvailable => $"address {engineOptions.BindAddress} is not available on this machine (--bind)",
        SocketError.AccessDenied => $"not allowed to bind {engineOptions.BindAddress}:{engineOptions.Port} (--port below 1024 needs privileges)",
        _ => $"cannot listen on {engineOptions.BindAddress}:{engineOptions.Port}: {e.Message}",
    };

    /// <summary>Stops the engine gracefully (live sessions reset after <paramref name="stopTimeout"/>) and prints the summary line.</summary>
    private static async Task StopAsync(Engine engine, string signal, TimeSpan stopTimeout, InvocationConfiguration io)
    {
        var outcome = await engine.StopAsync(stopTimeout).ConfigureAwait(false);
        var snapshot = engine.Statistics.Snapshot();
        await io.Output.WriteLineAsync(
            $"stopped ({signal}) engine={engine.Name} in {outcome.Elapsed.TotalMilliseconds:F0} ms, sessions ended={outcome.SessionsInterrupted} forced={outcome.SessionsForced}; {snapshot.ToSummaryLine()}").ConfigureAwait(false);
        await io.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static RuntimeCountersEndpoint? OpenRuntimeEndpoint(ILogger logger, InvocationConfiguration io)
    {
        try
        {
            return RuntimeCountersEndpoint.Open(logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SocketException or InvalidOperationException)
        {
            io.Error.WriteLine($"kechobench serve: the runtime counters endpoint ({RuntimeCountersEndpoint.PathFor(Environment.ProcessId)}) is not open: {e.Message}; load generators will show no runtime counters for this server");
            return null;
        }
    }

    private static string FormatEndPoint(System.Net.IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";
}
