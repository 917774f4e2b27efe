using System.Globalization;

namespace KEchoBench.Bench.Results;

/// <summary>
/// When a server CPU figure over a round means something. A CPU reading is only as fine as its
/// clock: /proc counts in 10 ms ticks, and the nanosecond CPU clock is read around the round, not
/// exactly at its edges. A round must last at least <see cref="Resolutions"/> of those steps for
/// the figure to be within about 1 % of a core (two readings, each up to one step off); a shorter
/// round gets no figure but the reason, never a number the clock cannot resolve.
/// </summary>
public static class CpuFigureRule
{
    /// <summary>A round lasts at least this many clock steps for its CPU figure to count.</summary>
    public const int Resolutions = 100;

    /// <summary>/proc/PID/stat's clock tick.</summary>
    public static TimeSpan ProcTick { get; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The nanosecond CPU clock's effective step: how far its readings may sit from the round's edges.</summary>
    public static TimeSpan CpuClockStep { get; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The shortest round a CPU figure read with a clock of this step is given for.</summary>
    public static TimeSpan ShortestRound(TimeSpan step) => step * Resolutions;

    /// <summary>Null when a round of <paramref name="window"/> is long enough; otherwise why its CPU figure is left out.</summary>
    public static string? WhyAbsent(TimeSpan window, TimeSpan step, string clock) => WhyAbsent(window, 1, step, clock);

    /// <summary>
    /// The same for a figure over <paramref name="rounds"/> rounds lasting <paramref name="total"/>
    /// together (a case's overall figure): each round adds its two readings' error, so the rounds
    /// must last <see cref="Resolutions"/> steps each on average, whatever any one of them lasted.
    /// </summary>
    public static string? WhyAbsent(TimeSpan total, int rounds, TimeSpan step, string clock)
    {
        var shortest = ShortestRound(step);
        int n = Math.Max(1, rounds);
        if (total >= shortest * n)
        {
            return null;
        }

        string what = n == 1 ? $"round of {Ms(total)}" : $"{n} rounds of {Ms(total / n)} on average";
        return string.Create(CultureInfo.InvariantCulture, $"{what}, shorter than the {Ms(shortest)} the server CPU figure needs ({Resolutions} × the {Ms(step)} step of {clock})");
    }

    private static string Ms(TimeSpan t) =>
        t.TotalMilliseconds >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.##} s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0.#} ms");
}
