using System.Runtime.InteropServices;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM as a cancellation of a command's run: the first signal cancels
/// <see cref="Token"/> so the run can end in order (print what it measured, stop the servers it
/// started); a second one is left to its default and ends the process at once.
/// </summary>
internal sealed class SignalInterrupt : IDisposable
{
    private readonly CancellationTokenSource _interrupt;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public SignalInterrupt(CancellationToken cancellation)
    {
        _interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
    }

    /// <summary>Cancelled by the first signal, or by the command's own cancellation.</summary>
    public CancellationToken Token => _interrupt.Token;

    public bool IsCancellationRequested => _interrupt.IsCancellationRequested;

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _interrupt.Dispose();
    }

    private void Interrupt(PosixSignalContext context)
    {
        if (!_interrupt.IsCancellationRequested)
        {
            context.Cancel = true;
            _interrupt.Cancel();
        }
    }
}
