namespace KEchoBench.Bench.Comparison;

/// <summary>The inputs cannot be compared (missing folder, unreadable JSON, no case in common). The message says which; the command exits 2.</summary>
internal sealed class ComparisonInputException : Exception
{
    public ComparisonInputException()
    {
    }

    public ComparisonInputException(string message)
        : base(message)
    {
    }

    public ComparisonInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
