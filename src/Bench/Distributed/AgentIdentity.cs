using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Distributed;

/// <summary>What an agent says about itself: its role, host, address, the cores it may use, and the external command it was started with.</summary>
internal sealed record AgentIdentity(string Role, string HostName, string Address, string? ServerCommand)
{
    public const string LoadRole = "load";
    public const string ServerRole = "server";
    public const string CoordinatorRole = "coordinator";

    public static int Cores => Math.Max(1, CpuAffinity.Allowed().Count);

    public AgentInfo Info() => new(Role, KEchoBenchVersion.Current, HostName, Address, Cores, ServerCommand);
}
