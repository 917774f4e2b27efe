namespace KEchoBench.Bench.Cli;

/// <summary>What <c>kechobench</c> exits with, for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The command ran but found a problem: errors during a load run, a regression, a failed case.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage, or the target cannot be reached / the address cannot be bound.</summary>
    public const int Usage = 2;
}
