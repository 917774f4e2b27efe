namespace KEchoBench.Bench.Attribution;

/// <summary>
/// A process's live threads and whole-process times at one moment (<see cref="ProcReader"/>).
/// <paramref name="SchedStatAbsent"/>: why its threads have no scheduler times (a kernel built
/// without them), null when they have.
/// </summary>
internal sealed record ProcessSnapshot(
    IReadOnlyDictionary<int, TaskReading> Tasks,
    GroupTimes Group,
    long TakenAtNs,
    string? SchedStatAbsent);
