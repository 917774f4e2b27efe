namespace KEchoBench.Bench.Load;

/// <summary>
/// One client as its event loop sees it. Messages are numbered from the start of the connection's
/// life (with kept-open connections, rounds continue the same stream; a client that hangs up
/// starts a new one with each connection); up to <c>pipeline</c> of them are kept in a ring of
/// slots holding where each message's bytes are, when it was scheduled and when sent.
/// </summary>
internal sealed unsafe class LoadConnection
{
    public LoadConnection(int id, int slot, int pipeline)
    {
        Id = id;
        Slot = slot;
        Slots = new MessageSlot[pipeline];
    }

    /// <summary>Identity of the byte stream (unique in the run).</summary>
    public int Id { get; }

    /// <summary>Index in the owning loop (the epoll data word).</summary>
    public int Slot { get; }

    public int Fd = -1;
    public ConnectionState State;
    public bool WantOut;
    public bool InRound;
    public long ConnectStarted;

    /// <summary>The messages in flight, one slot each (one array, so a request touches one more cache line, not four).</summary>
    public readonly MessageSlot[] Slots;

    /// <summary>Messages generated (their slot is filled).</summary>
    public long Started;

    /// <summary>The message being written, and how much of it is written.</summary>
    public long Sending;
    public int SendOffset;

    /// <summary>Messages whose echo is complete and verified, and how much of the next one is verified.</summary>
    public long Done;
    public int RecvOffset;

    /// <summary>This round: message count at its start, and the count at which the connection is finished.</summary>
    public long RoundFirst;
    public long Target;
}
