namespace KEchoBench.Bench.Load;

/// <summary>
/// Holds a round at its barrier until it is opened: the round's threads are up and waiting
/// (<see cref="Ready"/> completes), and the round's clock starts only when <see cref="Open"/> is
/// called. A coordinator prepares the round on every load agent and opens all the gates at once,
/// so that no agent's clients start before the slowest agent is ready (a burst's barrier, across hosts).
/// </summary>
internal sealed class RoundGate : IDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _open = new(false);

    /// <summary>Completes when every thread of the round waits at the barrier.</summary>
    public Task Ready => _ready.Task;

    public void Open() => _open.Set();

    /// <summary>Called at the barrier: says the round is ready, then waits to be opened (or cancelled).</summary>
    internal void Pass(CancellationToken cancellation)
    {
        _ready.TrySetResult();
        try
        {
            _open.Wait(cancellation);
        }
        catch (OperationCanceledException)
        {
            // The loops see the stop request and end the round at once.
        }
    }

    public void Dispose() => _open.Dispose();
}
