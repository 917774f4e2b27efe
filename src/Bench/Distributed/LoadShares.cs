using System.Globalization;
using System.Net;
using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Load;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// How a run's load is split over the load agents: the clients in equal shares (the first agents
/// take one more when they do not divide), the open loop's rate in proportion to each share's
/// clients, everything else the same on every agent.
/// </summary>
internal static class LoadShares
{
    public static IReadOnlyList<LoadShare> Split(LoadSettings settings, int agents)
    {
        if (agents < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(agents), "at least one load agent");
        }

        var shares = new List<LoadShare>();
        foreach (int clients in Counts(settings.Clients, agents))
        {
            shares.Add(new LoadShare(
                settings.Target.Address.ToString(),
                settings.Target.Port,
                settings.Mode.ToString(),
                clients,
                settings.Requests,
                settings.Duration?.Ticks,
                settings.KeepOpen,
                settings.Pipeline,
                settings.Size,
                settings.Payload.ToString(),
                settings.Rate * clients / settings.Clients,
                settings.Timeout.Ticks,
                settings.Threads,
                settings.MinRoundDuration?.Ticks));
        }

        return shares;
    }

    /// <summary><paramref name="total"/> in <paramref name="parts"/> shares as equal as they can be (none empty: fewer parts when there are fewer than them).</summary>
    public static IReadOnlyList<int> Counts(int total, int parts)
    {
        int used = Math.Max(1, Math.Min(parts, total));
        return [.. Enumerable.Range(0, used).Select(i => (total / used) + (i < total % used ? 1 : 0))];
    }

    /// <summary>The agent's settings for its share (no server process of its own: the server's figures come from the server agent).</summary>
    public static LoadSettings ToSettings(LoadShare share) => new()
    {
        Target = new IPEndPoint(IPAddress.Parse(share.TargetHost), share.TargetPort),
        Mode = Enum.Parse<LoadMode>(share.Mode),
        Clients = share.Clients,
        Requests = share.Requests,
        Duration = share.DurationTicks is { } d ? TimeSpan.FromTicks(d) : null,
        KeepOpen = share.KeepOpen,
        Pipeline = share.Pipeline,
        Size = share.Size,
        Payload = Enum.Parse<PayloadKind>(share.Payload),
        Rate = share.Rate,
        Timeout = TimeSpan.FromTicks(share.TimeoutTicks),
        Threads = share.Threads,
        MinRoundDuration = share.MinRoundTicks is { } m ? TimeSpan.FromTicks(m) : null,
        Rounds = 1,
    };

    public static string Describe(LoadShare share) =>
        string.Create(CultureInfo.InvariantCulture, $"{share.Mode.ToLowerInvariant()} {share.Clients} clients{(share.Rate > 0 ? $" at {share.Rate:0.#}/s" : string.Empty)} to {share.TargetHost}:{share.TargetPort}");
}
