namespace KEchoBench.Tests.Support;

/// <summary>Waits for a condition that the system under test makes true asynchronously (a counter reaching a value).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Waits until <paramref name="read"/> returns the same value for <paramref name="stableReads"/> reads in a row.</summary>
    public static async Task<long> StableAsync(Func<long> read, int stableReads = 10, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        long last = read();
        int same = 0;
        while (same < stableReads)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for a value to settle");
            }

            await Task.Delay(20);
            long now = read();
            same = now == last ? same + 1 : 0;
            last = now;
        }

        return last;
    }
}
