using KEchoBench.Bench.Check;

namespace KEchoBench.Tests.Check;

/// <summary>Checks sized for tests: past kecho's 4096-byte buffer, a few MiB, a burst of a hundred; patient enough for a loaded 2-core machine.</summary>
internal static class CheckTestSettings
{
    public static CheckSettings Small { get; } = new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        Quiet = TimeSpan.FromMilliseconds(100),
        MaxLength = 4200,
        LargeSize = 4L * 1024 * 1024,
        Burst = 100,
    };
}
