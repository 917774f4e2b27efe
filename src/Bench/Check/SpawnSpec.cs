namespace KEchoBench.Bench.Check;

/// <summary>The engine <c>check --spawn</c> starts, with the serve options given: the spawn-only checks start their own servers from it.</summary>
internal sealed record SpawnSpec(string Engine, IReadOnlyList<string> Arguments)
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    public string Describe() => string.Join(' ', new[] { "kechobench serve --engine", Engine }.Concat(Arguments));
}
