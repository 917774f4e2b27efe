using System.Diagnostics;

namespace KEchoBench.Bench.Timing;

/// <summary>Nanoseconds from the monotonic clock (on Linux, Stopwatch already counts nanoseconds: the scale is then 1).</summary>
internal static class MonotonicClock
{
    private static readonly bool IsNanoseconds = Stopwatch.Frequency == 1_000_000_000;
    private static readonly double Scale = 1e9 / Stopwatch.Frequency;

    public static long NowNs()
    {
        long ticks = Stopwatch.GetTimestamp();
        return IsNanoseconds ? ticks : (long)(ticks * Scale);
    }
}
