namespace KEchoBench.Bench.Results;

/// <summary>
/// Where a round's time went: the server's and the load generator's threads
/// (<see cref="ProcessTimes"/>), and the kernel's TCP counters that moved. <see cref="BacklogOverflowed"/> and
/// <see cref="ClientWaitRule"/> say when a round's latency measured the kernel or the client rather than the server's model.
/// </summary>
internal sealed record RoundAttribution
{
    /// <summary>Null when the server's process is not known (an external server without --server-pid).</summary>
    public ProcessTimes? Server { get; init; }

    public ProcessTimes? Client { get; init; }

    /// <summary>What the .NET runtime inside the server did; null with <see cref="RuntimeAbsent"/>.</summary>
    public RuntimeMoved? Runtime { get; init; }

    /// <summary>Why the round has no <see cref="Runtime"/> figures (not a kechobench serve, no endpoint); null when it has them or the server is unknown.</summary>
    public string? RuntimeAbsent { get; init; }

    /// <summary>Machine-wide (this network namespace): see <see cref="TcpCountersMoved"/>.</summary>
    public TcpCountersMoved? Tcp { get; init; }

    /// <summary>The accept backlog overflowed or dropped a connection request during the round (machine-wide counters).</summary>
    public bool BacklogOverflowed => Tcp is { } t && (t.ListenOverflows > 0 || t.ListenDrops > 0);

    /// <summary>Two rounds together: times and counts summed, peaks the larger.</summary>
    public RoundAttribution Plus(RoundAttribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new()
        {
            Server = Server is { } s && other.Server is { } os ? s.Plus(os) : null,
            Client = Client is { } c && other.Client is { } oc ? c.Plus(oc) : null,
            Tcp = Tcp is { } t && other.Tcp is { } ot ? t.Plus(ot) : null,
            Runtime = Runtime is { } r && other.Runtime is { } or ? r.Plus(or) : null,
            RuntimeAbsent = RuntimeAbsent ?? other.RuntimeAbsent ?? (Runtime is null ^ other.Runtime is null ? "read in some rounds only" : null),
        };
    }
}
