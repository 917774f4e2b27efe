namespace KEchoBench.Bench.Processes;

/// <summary>Context switches and read/write system calls a process made over an interval.</summary>
internal sealed record ActivityDelta(long VoluntarySwitches, long InvoluntarySwitches, long ReadCalls, long WriteCalls);
