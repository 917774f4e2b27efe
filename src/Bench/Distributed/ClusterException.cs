namespace KEchoBench.Bench.Distributed;

/// <summary>
/// A distributed run could not go on: the message names the agent and what happened.
/// <see cref="UserInput"/>: the cause is what the user gave (a seed nobody answers at, a secret
/// that differs, versions that differ, no agent of a needed role), so the command exits 2.
/// </summary>
internal sealed class ClusterException(string message, bool userInput) : Exception(message)
{
    public bool UserInput { get; } = userInput;
}
