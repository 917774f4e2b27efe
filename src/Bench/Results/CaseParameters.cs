namespace KEchoBench.Bench.Results;

/// <summary>
/// The names of the parameters in <see cref="CaseResult.Parameters"/> (all part of the case key)
/// and their fixed values, the contract between <c>bench</c>, <c>report</c> and <c>compare</c>.
/// </summary>
internal static class CaseParameters
{
    /// <summary>The per-request (and per-connect) deadline, as the command line spells it (1s, 500ms). In every case.</summary>
    public const string Timeout = "timeout";

    /// <summary>How the clients use their connections: <see cref="HangUp"/> or <see cref="KeepOpen"/>. In every case.</summary>
    public const string Connections = "connections";

    /// <summary>Each client connects in the round, closes as soon as its last echo is verified; the next round connects anew (telnet script, bench.c).</summary>
    public const string HangUp = "hang-up";

    /// <summary>Connections opened before the first round and held across rounds (long-lived sessions, the open loop).</summary>
    public const string KeepOpen = "keep-open";

    /// <summary>Closed loop: each round repeats the whole clients × requests test until it has lasted this long (absent: one test per round).</summary>
    public const string MinRound = "min-round";

    /// <summary>Message contents: <c>pattern</c>, <c>telnet</c> (<c>Telnet No.&lt;client&gt;,Write No&lt;i&gt;\n</c>) or <c>dummy</c> (bench.c's 13-byte <c>dummy message</c>).</summary>
    public const string Payload = "payload";

    /// <summary>Message size in bytes (pattern payload; for the fixed texts, their length).</summary>
    public const string Size = "size";

    /// <summary>Per-request work on the server (<c>cpu:50us</c>, <c>block:1ms</c>).</summary>
    public const string Work = "work";

    /// <summary>The workqueue's worker count, when the profile sets one.</summary>
    public const string Workers = "workers";

    /// <summary><c>idle</c>: silent sessions held open.</summary>
    public const string Idle = "idle";

    /// <summary><c>rate</c>: offered requests per second, and how long each round offers them.</summary>
    public const string Rate = "rate";

    public const string Duration = "duration";
}
