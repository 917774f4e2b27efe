namespace KEchoBench.Bench.Check;

/// <summary>
/// Thrown by the harness the moment a check has its answer (a refused connection, a wrong echo, a
/// timeout), so that a check reads as the happy path and every wait still ends in a verdict.
/// </summary>
internal sealed class CheckFailedException : Exception
{
    public CheckFailedException(string reason, CheckEvidence? evidence = null)
        : base(reason) => Evidence = evidence;

    public CheckFailedException()
        : base("the check failed")
    {
    }

    public CheckFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CheckEvidence? Evidence { get; }
}
