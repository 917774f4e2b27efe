using System.Globalization;

namespace KEchoBench.Servers.Configuration;

/// <summary>Parses durations written the way engineers write them: <c>50us</c>, <c>1ms</c>, <c>2.5s</c>, <c>100ns</c>.</summary>
internal static class DurationParser
{
    public const string Units = "ns, us (or µs), ms, s, m";

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out string error) ? value : throw new FormatException(error);

    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = string.Empty;
        string s = (text ?? string.Empty).Trim();
        int split = 0;
        while (split < s.Length && (char.IsDigit(s[split]) || s[split] == '.'))
        {
            split++;
        }

        string number = s[..split];
        string unit = s[split..].Trim().ToLowerInvariant();
        if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount))
        {
            error = $"'{text}' is not a duration; write a non-negative number and a unit ({Units}), e.g. 50us";
            return false;
        }

        double ticksPerUnit;
        switch (unit)
        {
            case "ns": ticksPerUnit = 0.01; break;
            case "us": case "µs": ticksPerUnit = 10; break;
            case "ms": ticksPerUnit = TimeSpan.TicksPerMillisecond; break;
            case "s": ticksPerUnit = TimeSpan.TicksPerSecond; break;
            case "m": case "min": ticksPerUnit = TimeSpan.TicksPerMinute; break;
            default:
                error = $"'{text}' has no valid unit; allowed units: {Units}";
                return false;
        }

        double ticks = amount * ticksPerUnit;
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            error = $"'{text}' is too long a duration";
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }
}
