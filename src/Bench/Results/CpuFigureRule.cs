using System.Globalization;

namespace KEchoBench.Bench.Results;

/// <summary>
/// When a server CPU figure over a round means something. A CPU reading is only as fine as its
/// clock: /proc counts in 10 ms ticks, and the nanosecond CPU clock is read around the round, not
/// exactly at its edges. A round must last at least <see cref="Resolutions"/> of those steps for
/// the figure to be within about 1 % of a core (two readings, each up to one step off); a shorter
/// round gets no figure but the reason, never a number the clock cannot resolve.
/// </summary>
internal static class CpuFigureRule
{
    /// <summary>A round lasts at least this many clock steps for its CPU figure to count.</summary>
    public const int Resolutions = 100;

    /// <summary>/proc/PID/stat's clock tick.</summary>
    public static TimeSpan ProcTick { get; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The nanosecond CPU clock's effective step: how far its readings may sit from the round's edges.</summary>
    public static TimeSpan CpuClockStep { get; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The nanosecond CPU clock, in the words a reason gives.</summary>
    public const string CpuClockName = "the server's CPU clock";

    /// <summary>/proc's ticks, in the words a reason gives.</summary>
    public const string ProcClockName = "/proc's CPU clock";

    /// <summary>The shortest round a CPU figure read with a clock of this step is given for.</summary>
    public static TimeSpan ShortestRound(TimeSpan step) => step * Resolutions;

    /// <summary>Null when a round of <paramref name="window"/> is long enough; otherwise why its CPU figure is left out.</summary>
    public static string? WhyAbsent(TimeSpan window, TimeSpan step, string clock) => WhyAbsent(window, 1, step, clock);

    /// <summary>
    /// The same for a figure over <paramref name="rounds"/> rounds lasting <paramref name="total"/>
    /// together (a case's overall figure). Each round's reading is off by up to one step, and the
    /// rounds' errors are independent (each round starts and ends with the server between
    /// requests), so over n rounds the error grows as √n steps, not n: the rounds must last
    /// <see cref="Resolutions"/> × √n steps together. Even if every round erred the same way, the
    /// figure would be off by at most n steps over the total: 10 bursts of 63 ms, 1.6 % of a core.
    /// </summary>
    public static string? WhyAbsent(TimeSpan total, int rounds, TimeSpan step, string clock)
    {
        int n = Math.Max(1, rounds);
        var shortest = ShortestRound(step) * Math.Sqrt(n);
        if (total >= shortest)
        {
            return null;
        }

        if (n == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"round of {Ms(total)}, shorter than the {Ms(shortest)} the server CPU figure needs ({Resolutions} × the {Ms(step)} step of {clock})");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{n} rounds of {Ms(total / n)} on average, {Ms(total)} together, shorter than the {Ms(shortest)} the server CPU figure needs over {n} rounds ({Resolutions} × √{n} × the {Ms(step)} step of {clock})");
    }

    private static string Ms(TimeSpan t) =>
        t.TotalMilliseconds >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.##} s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0.#} ms");
}
