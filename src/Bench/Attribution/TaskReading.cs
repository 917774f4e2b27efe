namespace KEchoBench.Bench.Attribution;

/// <summary>One thread at one moment: its scheduler times (null where the kernel has no schedstat) and its context switches.</summary>
internal readonly record struct TaskReading(SchedStat? Sched, ContextSwitches Switches);
