namespace KEchoBench.Bench.Check;

/// <summary>What one check concluded about the server.</summary>
internal enum CheckStatus
{
    Pass,
    Fail,
    Skipped,
}
