namespace KEchoBench.Servers.Statistics;

/// <summary>
/// Live counters of one engine. Updated with interlocked operations from every session thread;
/// read through <see cref="Snapshot"/>.
/// </summary>
internal sealed class EngineStatistics
{
    private static readonly int ErrorKindCount = Enum.GetValues<ErrorKind>().Length;

    private long _accepted;
    private long _closed;
    private long _rejected;
    private long _bytesReceived;
    private long _bytesSent;
    private readonly long[] _errors = new long[ErrorKindCount];

    public long Accepted => Volatile.Read(ref _accepted);

    public long Closed => Volatile.Read(ref _closed);

    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Accepted and not yet closed.</summary>
    public long Active => Accepted - Closed;

    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public long BytesSent => Volatile.Read(ref _bytesSent);

    public long Errors(ErrorKind kind) => Volatile.Read(ref _errors[(int)kind]);

    internal void OnAccepted() => Interlocked.Increment(ref _accepted);

    internal void OnClosed() => Interlocked.Increment(ref _closed);

    internal void OnRejected() => Interlocked.Increment(ref _rejected);

    /// <summary>An admitted connection turned away after all: no longer accepted, rejected instead.</summary>
    internal void OnWithdrawn()
    {
        // Rejected first: a snapshot taken in between sees the connection counted twice at worst, never lost.
        Interlocked.Increment(ref _rejected);
        Interlocked.Decrement(ref _accepted);
    }

    internal void OnReceived(int bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    internal void OnSent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    internal void OnError(ErrorKind kind) => Interlocked.Increment(ref _errors[(int)kind]);

    public StatisticsSnapshot Snapshot()
    {
        var errors = new Dictionary<ErrorKind, long>();
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            errors[kind] = Errors(kind);
        }

        // Closed is read first so that Active is never negative in a snapshot.
        long closed = Closed;
        return new StatisticsSnapshot(Accepted, closed, Rejected, BytesReceived, BytesSent, errors);
    }
}
