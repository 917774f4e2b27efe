using System.Net;

namespace KEchoBench.Servers.Configuration;

/// <summary>
/// Settings every engine understands. Defaults follow kecho (port 12345, backlog 128, 4096-byte
/// receive buffer). Options that only one engine uses are ignored by the others.
/// </summary>
internal sealed record EngineOptions
{
    public const int DefaultPort = 12345;
    public const int DefaultBacklog = 128;
    public const int DefaultBufferSize = 4096;
    public const int DefaultQueueCapacity = 128;
    public const int DefaultMaxActive = 256;

    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 asks the system for an ephemeral one (see <see cref="Engines.Engine.LocalEndPoint"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    public int Backlog { get; init; } = DefaultBacklog;

    /// <summary>Bytes asked for per receive, and the size of each pooled receive buffer.</summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    /// <summary>
    /// Connections beyond this are accepted and closed at once (counted as rejected). 0 = no cap of
    /// its own: the open-file limit (see <see cref="Limits.DescriptorReserve"/>) and, for the thread
    /// engine, the thread limits still turn connections away rather than let the server fail.
    /// </summary>
    public int MaxConnections { get; init; }

    public WorkModel Work { get; init; } = WorkModel.None;

    /// <summary>
    /// <c>workqueue</c>: worker threads (default <see cref="DefaultWorkqueueWorkers"/>).
    /// <c>eventloop</c> and <c>uring</c>: loops (default <see cref="DefaultEventLoops"/>). Null: the engine's default.
    /// </summary>
    public int? Workers { get; init; }

    /// <summary>kecho's workqueue: one worker per CPU.</summary>
    public static int DefaultWorkqueueWorkers => Environment.ProcessorCount;

    /// <summary>
    /// One loop per two processors. The suite runs its load generator on the same machine, and a
    /// closed-loop client keeps about one core busy: a loop per core then competes with the client
    /// for the cores, and measured against a one-thread native epoll server on two cores it lost
    /// 4-14 % at 10-1000 connections where one loop matched it (docs/measurements/2026-12-01-eventloop-loops.md).
    /// </summary>
    public static int DefaultEventLoops => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// <c>uring</c>: give each loop's ring a kernel submission thread (IORING_SETUP_SQPOLL, 1 ms
    /// idle), so that submitting takes no system call while that thread polls. Off by default (see
    /// docs/measurements/2026-12-05-uring-sqpoll.md); the CLI refuses it for the other engines.
    /// </summary>
    public bool SqPoll { get; init; }

    /// <summary><c>workqueue</c>: sessions that may wait for a worker before the accept loop waits too.</summary>
    public int QueueCapacity { get; init; } = DefaultQueueCapacity;

    /// <summary><c>cmwq</c>: work items that may execute at once (CMWQ's max_active).</summary>
    public int MaxActive { get; init; } = DefaultMaxActive;

    /// <summary>Log every connection (kecho without its <c>bench</c> switch). Off by default: it distorts results.</summary>
    public bool Verbose { get; init; }

    /// <summary>Checks the values; returns the problems found, each naming the option and what is allowed.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535) problems.Add($"--port {Port}: must be between 0 and 65535 (0 = ephemeral)");
        if (Backlog < 1) problems.Add($"--backlog {Backlog}: must be at least 1");
        if (BufferSize is < 1 or > 16 * 1024 * 1024) problems.Add($"--buffer-size {BufferSize}: must be between 1 and 16777216 bytes");
        if (MaxConnections < 0) problems.Add($"--max-connections {MaxConnections}: must be 0 (unlimited) or more");
        if (Workers is < 1) problems.Add($"--workers {Workers}: must be at least 1");
        if (QueueCapacity < 1) problems.Add($"--queue-capacity {QueueCapacity}: must be at least 1");
        if (MaxActive < 1) problems.Add($"--max-active {MaxActive}: must be at least 1");
        return problems;
    }
}
