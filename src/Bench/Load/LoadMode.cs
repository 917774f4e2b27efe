namespace KEchoBench.Bench.Load;

/// <summary>The three experiments the load generator runs.</summary>
public enum LoadMode
{
    /// <summary>Clients × requests: each connection sends its next message only when the echo of the previous one is back (up to the pipeline depth).</summary>
    Closed,

    /// <summary>kecho's bench.c: C connections started at once; each connects, sends one message, reads its echo, closes.</summary>
    Burst,

    /// <summary>Open loop (wrk2 style): requests are scheduled at a fixed rate; latency is measured from the scheduled time.</summary>
    Rate,
}
