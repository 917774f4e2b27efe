namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>
/// Coordinator to server agent: start <c>kechobench serve --engine ENGINE</c> with these options
/// (validated by the agent against serve's own parser), or the agent's one external command when
/// <paramref name="Engine"/> is <see cref="ExternalCommand"/>.
/// </summary>
internal sealed record StartServer(string Engine, string[] Options)
{
    public const string ExternalCommand = "external-command";
}
