using System.Diagnostics;

namespace KEchoBench.Servers.Limits;

/// <summary>
/// Lets a condition that may recur thousands of times a second (a limit reached) be logged once per
/// interval: the first occurrence is reported at once, later ones are counted and reported with
/// the next line that is due. Thread-safe.
/// </summary>
internal sealed class RateLimitedWarning(TimeSpan interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly long _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private long _pending;
    private long _nextDue = long.MinValue;

    public RateLimitedWarning()
        : this(DefaultInterval)
    {
    }

    /// <summary>
    /// Records one occurrence. Returns true when a line is due, with <paramref name="count"/> the
    /// occurrences since the last line (this one included).
    /// </summary>
    public bool Occurred(out long count)
    {
        Interlocked.Increment(ref _pending);
        long now = Stopwatch.GetTimestamp();
        long due = Volatile.Read(ref _nextDue);
        if (now < due || Interlocked.CompareExchange(ref _nextDue, now + _intervalTicks, due) != due)
        {
            count = 0;
            return false;
        }

        count = Interlocked.Exchange(ref _pending, 0);
        return true;
    }
}
