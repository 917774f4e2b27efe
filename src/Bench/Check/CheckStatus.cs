namespace KEchoBench.Bench.Check;

/// <summary>What one check concluded about the server.</summary>
public enum CheckStatus
{
    Pass,
    Fail,
    Skipped,
}
