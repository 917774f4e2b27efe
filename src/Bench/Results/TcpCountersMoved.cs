namespace KEchoBench.Bench.Results;

/// <summary>
/// How much the kernel's TCP counters moved over a round. Machine-wide (the network namespace
/// the load generator runs in), not the server's alone: other traffic on the machine counts too.
/// </summary>
internal sealed record TcpCountersMoved
{
    /// <summary>Connections the kernel completed but could not queue: the accept backlog was full.</summary>
    public long ListenOverflows { get; init; }

    /// <summary>Connection requests dropped at a listening socket (overflows included).</summary>
    public long ListenDrops { get; init; }

    public long SynRetransmits { get; init; }

    public long RetransmittedSegments { get; init; }

    public TcpCountersMoved Plus(TcpCountersMoved other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new()
        {
            ListenOverflows = ListenOverflows + other.ListenOverflows,
            ListenDrops = ListenDrops + other.ListenDrops,
            SynRetransmits = SynRetransmits + other.SynRetransmits,
            RetransmittedSegments = RetransmittedSegments + other.RetransmittedSegments,
        };
    }
}
