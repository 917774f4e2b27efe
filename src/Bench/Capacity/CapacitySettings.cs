namespace KEchoBench.Bench.Capacity;

/// <summary>
/// How a capacity search steps its offered rate, how long each step lasts, and how often the
/// whole search is repeated. Part of a bench profile (<c>capacity</c>).
/// </summary>
internal sealed record CapacitySettings
{
    /// <summary>Connection counts searched, each on its own.</summary>
    public IReadOnlyList<int> Connections { get; init; } = [100, 1000];

    /// <summary>Whole searches per engine and connection count: the interval rests on them (at least 3).</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>The first step's offered rate, requests/s.</summary>
    public double StartRate { get; init; } = 2_000;

    /// <summary>Each ascending step offers this many times the last.</summary>
    public double Growth { get; init; } = 2;

    /// <summary>Bisection stops once the lowest failed rate is within this share above the highest sustained one (0.05: within 5 %).</summary>
    public double Precision { get; init; } = 0.05;

    /// <summary>When the first step fails the search steps down, but not below this rate.</summary>
    public double FloorRate { get; init; } = 250;

    /// <summary>The search stops climbing here (a capacity of at least this much is reported as such).</summary>
    public double CeilingRate { get; init; } = 1_024_000;

    /// <summary>A step's schedule lasts this long, or longer when that holds too few requests (<see cref="MinRequestsPerStep"/>).</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// A step schedules at least this many requests, so that its p99 rests on at least five beyond it
    /// (the resolution rule asks for one).
    /// </summary>
    public int MinRequestsPerStep { get; init; } = 500;

    /// <summary>Unmeasured traffic at the first step's rate after the connections open (JIT, pools, first threads).</summary>
    public TimeSpan WarmupDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A rate fails only if two tries of it fail: the failed bound is run again once the search has
    /// converged below it, and the search goes on above it if that try holds. On a shared machine one
    /// stall of the machine (not of the server) can break a 0.3 s step's p99, and a search whose climb
    /// broke that way at a low rate bisected below it and ended far under the others: 6,442
    /// requests/s against 45,255–64,000 for the same engine in the same run
    /// (docs/measurements/2026-12-06-capacity-spread.md). A rate the server cannot carry fails both
    /// tries; the rate a search reports is still one that a step sustained. Why late rather than at
    /// once: <see cref="CapacitySearch"/>.
    /// </summary>
    public bool ConfirmFailures { get; init; } = true;

    /// <summary>A step is sustained only if it delivered at least this share of its offered rate.</summary>
    public double DeliveredShare { get; init; } = 0.99;

    /// <summary>An echo slower than this is a failed request (and fails its step).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    public ServiceLevelObjective Objective { get; init; } = ServiceLevelObjective.Default;

    /// <summary>Confidence of the interval of the maximum sustainable rate.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>How long the step at <paramref name="rate"/> schedules requests.</summary>
    public TimeSpan StepDurationAt(double rate) =>
        TimeSpan.FromSeconds(Math.Max(StepDuration.TotalSeconds, MinRequestsPerStep / rate));

    /// <summary>Problems with these settings, each naming what is wrong.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Connections.Count == 0 || Connections.Any(c => c < 1)) problems.Add("capacity connections: at least one count, each at least 1");
        if (Repeats < 1) problems.Add($"capacity repeats {Repeats}: at least 1");
        if (!(Growth > 1)) problems.Add($"capacity growth {Growth}: must be above 1");
        if (!(Precision > 0)) problems.Add($"capacity precision {Precision}: must be positive");
        if (!(FloorRate > 0) || FloorRate > StartRate || StartRate > CeilingRate) problems.Add("capacity rates: need 0 < floor <= start <= ceiling");
        if (DeliveredShare is <= 0 or > 1) problems.Add($"capacity delivered share {DeliveredShare}: between 0 and 1");
        return problems;
    }
}
