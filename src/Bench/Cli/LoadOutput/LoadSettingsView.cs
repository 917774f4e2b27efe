using KEchoBench.Bench.Load;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>The settings of a load run as they are written to JSON (plain names and numbers).</summary>
internal sealed record LoadSettingsView
{
    public string Mode { get; init; } = "closed";

    public string Target { get; init; } = string.Empty;

    public int Clients { get; init; }

    public int Requests { get; init; }

    public double? DurationSeconds { get; init; }

    public int Pipeline { get; init; }

    public int Size { get; init; }

    public string Payload { get; init; } = "pattern";

    public double? Rate { get; init; }

    /// <summary>Closed loop: connections held across rounds (<c>--keep-open</c>) rather than closed after each client's last echo.</summary>
    public bool KeepOpen { get; init; }

    public int Rounds { get; init; }

    public double TimeoutSeconds { get; init; }

    public double? WarmupSeconds { get; init; }

    public int WarmupCount { get; init; }

    /// <summary>True when the warm-up is load's default rather than --warmup's.</summary>
    public bool WarmupDefault { get; init; }

    public int Threads { get; init; }

    public static LoadSettingsView From(LoadSettings settings) => new()
    {
        Mode = settings.Mode.ToString().ToLowerInvariant(),
        Target = LoadText.EndPoint(settings.Target),
        Clients = settings.Clients,
        Requests = settings.Requests,
        DurationSeconds = settings.Duration?.TotalSeconds,
        Pipeline = settings.Pipeline,
        Size = settings.Payload == PayloadKind.Pattern ? settings.Size : 0,
        Payload = settings.Payload.ToString().ToLowerInvariant(),
        Rate = settings.Mode == LoadMode.Rate ? settings.Rate : null,
        KeepOpen = settings.KeepOpen,
        Rounds = settings.Rounds,
        TimeoutSeconds = settings.Timeout.TotalSeconds,
        WarmupSeconds = settings.WarmupDuration?.TotalSeconds,
        WarmupCount = settings.WarmupCount,
        WarmupDefault = settings.WarmupIsDefault,
        Threads = settings.Threads,
    };
}
