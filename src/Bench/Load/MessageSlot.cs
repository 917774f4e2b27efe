namespace KEchoBench.Bench.Load;

/// <summary>A message in flight: where its bytes are, how many, when it was due and when it was sent (ns).</summary>
internal struct MessageSlot
{
    public nint Data;
    public int Length;
    public long Scheduled;
    public long SentAt;
}
