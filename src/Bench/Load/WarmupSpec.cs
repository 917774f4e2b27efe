using System.Globalization;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Load;

/// <summary><c>--warmup</c>: a duration (<c>2s</c>) or a count (<c>100</c>: requests per connection, or burst rounds).</summary>
internal readonly record struct WarmupSpec(TimeSpan? Duration, int Count)
{
    /// <summary>
    /// <c>load</c>'s warm-up when none is given: a second of unmeasured load lets our own generator's
    /// JIT tiering finish, so that a plain run measures the server (against the native yardstick, no
    /// warm-up reached 0.86–0.88× the native client's rate, one second 0.98–1.10×: docs/load-generator.md).
    /// </summary>
    public static WarmupSpec Default { get; } = new(TimeSpan.FromSeconds(1), 0);

    public static bool TryParse(string text, out WarmupSpec spec, out string error)
    {
        error = string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            spec = new WarmupSpec(null, count);
            return true;
        }

        if (DurationParser.TryParse(text, out var duration, out _))
        {
            spec = new WarmupSpec(duration, 0);
            return true;
        }

        spec = default;
        error = $"'{text}': expected a count (e.g. 100) or a duration with a unit ({DurationParser.Units}), e.g. 2s";
        return false;
    }
}
