using System.Globalization;
using System.Runtime.InteropServices;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// The signals <c>kechobench serve</c> answers while it runs: SIGINT, SIGTERM and the command's
/// cancellation end it (<see cref="Stopped"/> says which), SIGUSR1 prints the bytes allocated so
/// far (<see cref="ServeProtocol.AllocatedPrefix"/>). Kept apart from the command so that its run
/// reads as start, announce, wait, stop.
/// </summary>
internal sealed class ServeSignals : IDisposable
{
    private readonly TaskCompletionSource<string> _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TextWriter _output;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigusr1;
    private readonly CancellationTokenRegistration _cancelled;

    public ServeSignals(TextWriter output, CancellationToken cancellation)
    {
        _output = output;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        try
        {
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                // A raw signal number is allowed here on Unix; the ready line tells the tools that this
                // server answers SIGUSR1, so that they never send it to one whose default would end it.
                _sigusr1 = PosixSignalRegistration.Create((PosixSignal)ServeProtocol.Sigusr1, ReportAllocations);
            }
            catch
            {
                _sigterm.Dispose();
                throw;
            }
        }
        catch
        {
            // What is registered must not outlive a failed start (as the command's usings did not).
            _sigint.Dispose();
            throw;
        }

        _cancelled = cancellation.Register(() => _stop.TrySetResult("cancel"));
    }

    /// <summary>The name of what stopped the server: the signal's, or <c>cancel</c>.</summary>
    public Task<string> Stopped => _stop.Task;

    /// <summary>In the reverse order of the registrations, as the command's usings released them.</summary>
    public void Dispose()
    {
        _cancelled.Dispose();
        _sigusr1.Dispose();
        _sigterm.Dispose();
        _sigint.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        // Keep the runtime from terminating the process: the stop is ours to do, gracefully.
        context.Cancel = true;
        _stop.TrySetResult(context.Signal.ToString());
    }

    private void ReportAllocations(PosixSignalContext context)
    {
        context.Cancel = true;

        // Precise: the allocation contexts of every thread are added up, so that a count taken
        // right after a round includes all of it.
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ServeProtocol.AllocatedPrefix}{allocated}"));
        _output.Flush();
    }
}
