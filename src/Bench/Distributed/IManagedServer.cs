using System.Net;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Distributed;

/// <summary>A server process a server agent started and will stop: <c>kechobench serve</c>, or the agent's external command.</summary>
internal interface IManagedServer
{
    IPEndPoint EndPoint { get; }

    int Pid { get; }

    string CommandLine { get; }

    Task<ServerExit> StopAsync(TimeSpan timeout);
}
