namespace KEchoBench.Bench.Load;

/// <summary>The names error kinds go by in output and JSON (stable: reports compare by them).</summary>
internal static class LoadErrorNames
{
    public static string Of(LoadErrorKind kind) => kind switch
    {
        LoadErrorKind.Mismatch => "mismatch",
        LoadErrorKind.ShortEcho => "short-echo",
        LoadErrorKind.Reset => "reset",
        LoadErrorKind.Timeout => "timeout",
        LoadErrorKind.Refused => "refused",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static IReadOnlyList<LoadErrorKind> All { get; } = Enum.GetValues<LoadErrorKind>();
}
