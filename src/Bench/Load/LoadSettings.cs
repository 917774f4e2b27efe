using System.Net;

namespace KEchoBench.Bench.Load;

/// <summary>
/// Everything that defines a load run. Defaults follow the original experiments: 64-byte
/// messages, one in flight per connection, a 10 s timeout, 10 burst rounds.
/// </summary>
internal sealed record LoadSettings
{
    public const int DefaultSize = 64;
    public const int MaxSize = 1024 * 1024;

    public IPEndPoint Target { get; init; } = new(IPAddress.Loopback, 12345);

    public LoadMode Mode { get; init; } = LoadMode.Closed;

    /// <summary>Connections.</summary>
    public int Clients { get; init; } = 10;

    /// <summary>Messages per connection per round (closed, rate). Ignored when <see cref="Duration"/> is set.</summary>
    public int Requests { get; init; } = 1000;

    /// <summary>When set, each round lasts this long instead of a fixed number of requests (closed, rate).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>
    /// Closed loop: keep every connection open from the first round to the last (long-lived
    /// sessions) instead of hanging up. By default each client connects at the start of a round
    /// and closes its connection as soon as its last echo is verified, as the telnet script and
    /// bench.c do, so that a server that serves one session per worker can serve the next.
    /// The open loop always keeps its connections; a burst always hangs up.
    /// </summary>
    public bool KeepOpen { get; init; }

    /// <summary>True when connections are opened in each round and closed after their last echo (burst, and the closed loop without <see cref="KeepOpen"/>).</summary>
    public bool HangsUp => Mode == LoadMode.Burst || (Mode == LoadMode.Closed && !KeepOpen);

    /// <summary>
    /// Closed loop of clients that hang up, rounds of <see cref="Requests"/>: when set, a round
    /// repeats the whole test (every client connecting anew, sending its requests, hanging up)
    /// until it has lasted at least this long, so that figures read over the round (server CPU)
    /// rest on enough time. Whole tests only: the last one is never cut short.
    /// </summary>
    public TimeSpan? MinRoundDuration { get; init; }

    /// <summary>Messages in flight per connection.</summary>
    public int Pipeline { get; init; } = 1;

    /// <summary>Message size in bytes (pattern payload).</summary>
    public int Size { get; init; } = DefaultSize;

    public PayloadKind Payload { get; init; } = PayloadKind.Pattern;

    /// <summary>Open loop: requests per second over all connections.</summary>
    public double Rate { get; init; }

    /// <summary>Measured rounds: each gives one iteration result.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>How long an echo (or a connect) may take before it counts as a timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured warm-up before the first round: a duration...</summary>
    public TimeSpan? WarmupDuration { get; init; }

    /// <summary>...or a number of requests per connection (closed, rate) / of rounds (burst).</summary>
    public int WarmupCount { get; init; }

    /// <summary>The warm-up is load's default (none was asked for), as its output and JSON say.</summary>
    public bool WarmupIsDefault { get; init; }

    /// <summary>Event-loop threads of the generator (each owns a share of the connections).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>At most this many connects in progress at once when a session opens (closed, rate), so as not to overflow the server's backlog.</summary>
    public int ConnectWindow { get; init; } = 64;

    /// <summary>The server's process id, when known: its CPU time, threads and RSS are then reported.</summary>
    public int? ServerPid { get; init; }

    /// <summary>
    /// Read where each round's time went (the server's and the generator's threads from /proc,
    /// the TCP counters): on unless turned off (<c>--no-attribution</c>), e.g. to measure its cost.
    /// </summary>
    public bool WatchThreads { get; init; } = true;

    /// <summary>The largest message this payload produces.</summary>
    public int MaxMessageLength => Payload switch
    {
        PayloadKind.Telnet => TelnetLine.MaxLength,
        PayloadKind.Dummy => DummyMessage.Length,
        _ => Size,
    };

    /// <summary>Problems with these settings, each naming its option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        // Grouped by what they are about; called in this order, the groups list the problems in
        // the same order as before the split, so that the messages a user sees do not move.
        var problems = new List<string>();
        AddSizeProblems(problems);
        AddModeProblems(problems);
        AddRunProblems(problems);
        return problems;
    }

    /// <summary>How much each round asks for: clients, requests or duration, pipeline depth, message size.</summary>
    private void AddSizeProblems(List<string> problems)
    {
        if (Clients < 1)
        {
            problems.Add($"--clients {Clients}: must be at least 1");
        }

        if (Requests < 1 && Duration is null)
        {
            problems.Add($"--requests {Requests}: must be at least 1");
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            problems.Add("--duration: must be positive");
        }

        if (Pipeline < 1 || Pipeline > 1024)
        {
            problems.Add($"--pipeline {Pipeline}: must be between 1 and 1024");
        }

        if (Size < 1 || Size > MaxSize)
        {
            problems.Add($"--size {Size}: must be between 1 and {MaxSize}");
        }
    }

    /// <summary>Options that only some load modes take, or that a mode needs.</summary>
    private void AddModeProblems(List<string> problems)
    {
        if (Mode == LoadMode.Rate && !(Rate > 0 && double.IsFinite(Rate)))
        {
            problems.Add("--rate: the rate mode needs a target rate in requests/s (e.g. --rate 10000)");
        }

        if (KeepOpen && Mode != LoadMode.Closed)
        {
            problems.Add($"--keep-open: only the closed loop can keep or drop its connections (the rate mode always keeps them, a burst always hangs up); mode is {Mode.ToString().ToLowerInvariant()}");
        }

        if (MinRoundDuration is { } minimum && (minimum <= TimeSpan.Zero || Duration is not null || !HangsUp || Mode != LoadMode.Closed))
        {
            problems.Add("minimum round duration: only for closed-loop rounds of a request count whose clients hang up, and positive");
        }
    }

    /// <summary>How the rounds are run: their number, timeout, generator threads, warm-up.</summary>
    private void AddRunProblems(List<string> problems)
    {
        if (Rounds < 1)
        {
            problems.Add($"--rounds {Rounds}: must be at least 1");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add("--timeout: must be positive");
        }

        if (Threads < 1 || Threads > 256)
        {
            problems.Add($"--threads {Threads}: must be between 1 and 256");
        }

        if (WarmupCount < 0)
        {
            problems.Add($"--warmup {WarmupCount}: must not be negative");
        }
    }
}
