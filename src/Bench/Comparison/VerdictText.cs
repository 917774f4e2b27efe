namespace KEchoBench.Bench.Comparison;

/// <summary>The words a verdict is printed with, the same on the console and in Markdown.</summary>
internal static class VerdictText
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Same => "same",
        Verdict.Slower => "slower",
        Verdict.Faster => "faster",
        Verdict.TooFewSamples => "too few samples",
        Verdict.NoData => "no data",
        _ => verdict.ToString(),
    };
}
