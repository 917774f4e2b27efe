using System.Globalization;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// A thread's context switches from its <c>/proc/PID/task/TID/status</c>: voluntary (it blocked:
/// a read with nothing to read, a lock, a sleep) and involuntary (the scheduler took its CPU away).
/// </summary>
internal readonly record struct ContextSwitches(long Voluntary, long Involuntary)
{
    /// <summary>The two counts in a status file's lines, or null when either line is missing.</summary>
    public static ContextSwitches? Parse(IEnumerable<string> statusLines)
    {
        ArgumentNullException.ThrowIfNull(statusLines);
        long? voluntary = null;
        long? involuntary = null;
        foreach (string line in statusLines)
        {
            if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
            {
                voluntary = ValueAfterColon(line);
            }
            else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
            {
                involuntary = ValueAfterColon(line);
            }
        }

        return voluntary is { } v && involuntary is { } i ? new ContextSwitches(v, i) : null;
    }

    private static long? ValueAfterColon(string line) =>
        long.TryParse(line.AsSpan(line.IndexOf(':') + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
}
