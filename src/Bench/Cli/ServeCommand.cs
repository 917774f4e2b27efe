using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
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
        using var loggerFactory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(engineOptions.Verbose ? LogLevel.Information : LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            }));

        var engine = EngineRegistry.Create(engineName, engineOptions, loggerFactory);
        try
        {
            engine.Start();
        }
        catch (SocketException e)
        {
            string cause = e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => $"port {engineOptions.Port} is already in use on {engineOptions.BindAddress} (--port): stop the other server or choose another port",
                SocketError.AddressNotAvailable => $"address {engineOptions.BindAddress} is not available on this machine (--bind)",
                SocketError.AccessDenied => $"not allowed to bind {engineOptions.BindAddress}:{engineOptions.Port} (--port below 1024 needs privileges)",
                _ => $"cannot listen on {engineOptions.BindAddress}:{engineOptions.Port}: {e.Message}",
            };
            await io.Error.WriteLineAsync("kechobench serve: " + cause).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (PlatformNotSupportedException e)
        {
            await io.Error.WriteLineAsync($"kechobench serve: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Live counters for dotnet-counters and other metric listeners; read only when one listens.
        using var meter = new ServerMeter(engine);

        var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);

        // A raw signal number is allowed here on Unix; the ready line tells the tools that this
        // server answers SIGUSR1, so that they never send it to one whose default would end it.
        using var sigusr1 = PosixSignalRegistration.Create((PosixSignal)ServeProtocol.Sigusr1, ReportAllocations);
        using var cancelled = cancellation.Register(() => stop.TrySetResult("cancel"));

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

        string signal = await stop.Task.ConfigureAwait(false);
        var outcome = await engine.StopAsync(stopTimeout).ConfigureAwait(false);
        var snapshot = engine.Statistics.Snapshot();
        await io.Output.WriteLineAsync(
            $"stopped ({signal}) engine={engine.Name} in {outcome.Elapsed.TotalMilliseconds:F0} ms, sessions ended={outcome.SessionsInterrupted} forced={outcome.SessionsForced}; {snapshot.ToSummaryLine()}").ConfigureAwait(false);
        await io.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Success;

        void Handle(PosixSignalContext context)
        {
            // Keep the runtime from terminating the process: the stop is ours to do, gracefully.
            context.Cancel = true;
            stop.TrySetResult(context.Signal.ToString());
        }

        void ReportAllocations(PosixSignalContext context)
        {
            context.Cancel = true;

            // Precise: the allocation contexts of every thread are added up, so that a count taken
            // right after a round includes all of it.
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            io.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ServeProtocol.AllocatedPrefix}{allocated}"));
            io.Output.Flush();
        }
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
