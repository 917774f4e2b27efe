namespace KEchoBench.Bench.Check;

/// <summary>How big and how patient the checks are. The defaults find kecho's defects; tests use smaller sizes.</summary>
internal sealed record CheckSettings
{
    /// <summary>Longest wait for any one answer (a connect, an echo, a close).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long to listen for bytes that should not come (after an echo is complete). Short: an
    /// over-reading server sends its extra bytes together with the echo.
    /// </summary>
    public TimeSpan Quiet { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary><c>echo</c> and <c>pipelined</c> send every message length from 1 to this (past kecho's 4096-byte buffer, twice).</summary>
    public int MaxLength { get; init; } = 8192;

    /// <summary><c>large</c>: bytes sent to a slow reader (more than every socket buffer on the path holds).</summary>
    public long LargeSize { get; init; } = 32L * 1024 * 1024;

    /// <summary><c>burst</c>: connections released at once (kecho's bench.c used 1000).</summary>
    public int Burst { get; init; } = 1000;

    /// <summary><c>connections</c>: connections talking at the same time.</summary>
    public int Connections { get; init; } = 8;

    /// <summary><c>half-close</c>: bytes sent before the client's FIN, unread until then (fits the socket buffers).</summary>
    public int HalfCloseSize { get; init; } = 100_000;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add("--timeout must be positive");
        }

        if (MaxLength is < 1 or > 1024 * 1024)
        {
            problems.Add($"--max-length {MaxLength}: must be between 1 and 1048576");
        }

        if (LargeSize < 1)
        {
            problems.Add($"--large-size {LargeSize}: must be at least 1 byte");
        }

        if (Burst < 1)
        {
            problems.Add($"--burst {Burst}: must be at least 1");
        }

        return problems;
    }
}
