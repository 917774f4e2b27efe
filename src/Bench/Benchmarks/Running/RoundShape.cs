using System.Net;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>How the load generator drives one round: the three modes of <c>kechobench load</c>.</summary>
internal enum RoundMode
{
    /// <summary>Clients × requests, each client waiting for its echo before the next request.</summary>
    Closed,

    /// <summary>kecho bench.c: all connections released at once, one message each.</summary>
    Burst,

    /// <summary>Open loop at a fixed offered rate; latency measured from the scheduled send time.</summary>
    Rate,
}

/// <summary>One load round of a scenario: what the measured operation of a benchmark case does.</summary>
internal sealed record RoundShape
{
    public required IPEndPoint Target { get; init; }

    public RoundMode Mode { get; init; } = RoundMode.Closed;

    public int Clients { get; init; } = 1;

    /// <summary>Requests per client (closed loop); ignored by burst (one each) and rate (timed).</summary>
    public int Requests { get; init; } = 1;

    /// <summary>Rate mode: how long the offered load lasts.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Rate mode: requests per second over all connections.</summary>
    public int Rate { get; init; }

    public int PayloadSize { get; init; } = 64;

    /// <summary>What the messages contain: the pattern stream (of <see cref="PayloadSize"/> bytes), telnet lines, or bench.c's <c>dummy message</c>.</summary>
    public Load.PayloadKind Payload { get; init; } = Load.PayloadKind.Pattern;

    /// <summary>
    /// Closed loop: connections opened before the round and held (long-lived sessions). By default
    /// each client connects in the round and hangs up after its last echo, as the study's clients do.
    /// Rate rounds always keep their connections; bursts always hang up.
    /// </summary>
    public bool KeepOpen { get; init; }

    /// <summary>Closed loop: the round repeats the whole test (new connections each time) until it has lasted this long (null: one test).</summary>
    public TimeSpan? MinRoundDuration { get; init; }

    /// <summary>The server's process, when known: its CPU time is read at the round's edges.</summary>
    public int? ServerPid { get; init; }

    /// <summary>Whether the round reads where its time went (/proc, the server's runtime counters); <c>bench --no-attribution</c> turns it off.</summary>
    public bool Attribution { get; init; } = true;

    /// <summary>Per-request deadline: a slower echo is a timeout error, never a success.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
