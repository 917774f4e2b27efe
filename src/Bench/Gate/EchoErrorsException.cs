namespace KEchoBench.Bench.Gate;

/// <summary>A server under the gate dropped, garbled or refused echoes: it fails the gate rather than being timed.</summary>
internal sealed class EchoErrorsException : Exception
{
    public EchoErrorsException()
    {
    }

    public EchoErrorsException(string message)
        : base(message)
    {
    }

    public EchoErrorsException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
