using System.Net;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Benchmarks.ServersUnderTest;

/// <summary>
/// The echo server a benchmark case measures: a <c>kechobench serve</c> child process the case
/// started, or an external server the user named (optionally with its process id for CPU).
/// </summary>
internal interface IServerUnderTest : IAsyncDisposable
{
    IPEndPoint EndPoint { get; }

    /// <summary>The server's process id, when known (a spawned server, or an external one given with --server-pid).</summary>
    int? ProcessId { get; }

    /// <summary>The server's counters now, or null when its process is not known (external without --server-pid).</summary>
    ProcessSample? Sample();
}
