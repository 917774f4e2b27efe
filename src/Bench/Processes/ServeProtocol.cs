namespace KEchoBench.Bench.Processes;

/// <summary>
/// What <c>kechobench serve</c> prints on stdout, and what the tools that start it read there: the
/// ready line, and, on request, the bytes the server has allocated. One place for both sides.
/// </summary>
internal static class ServeProtocol
{
    /// <summary>The ready line: <c>listening on ADDR:PORT engine=NAME [allocations=SIGUSR1]</c>, once connections are accepted.</summary>
    public const string ReadyPrefix = "listening on ";

    /// <summary>
    /// In the ready line: SIGUSR1 makes this server print one <see cref="AllocatedPrefix"/> line.
    /// A server that does not say so is never sent SIGUSR1, whose default action ends a process
    /// (an older build, or another server behind a wrapper).
    /// </summary>
    public const string AllocationsToken = "allocations=SIGUSR1";

    /// <summary>The answer to SIGUSR1: <c>allocated BYTES</c>, the managed bytes allocated since the server started.</summary>
    public const string AllocatedPrefix = "allocated ";

    /// <summary>SIGUSR1 on Linux (x86-64 and arm64 alike).</summary>
    public const int Sigusr1 = 10;
}
