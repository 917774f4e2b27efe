namespace KEchoBench.Bench.Processes;

/// <summary>How a spawned server ended: its exit code (0 = clean stop), whether it had to be killed, and its last words.</summary>
internal sealed record ServerExit(int ExitCode, bool Killed, string LastOutput, string ErrorOutput)
{
    public bool Clean => ExitCode == 0 && !Killed;
}
