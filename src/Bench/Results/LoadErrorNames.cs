namespace KEchoBench.Bench.Results;

/// <summary>
/// The names error kinds go by in output and JSON (a case's <c>errorsByKind</c>). Stable: runs
/// are compared by them, and the report's findings look errors up by these constants.
/// </summary>
internal static class LoadErrorNames
{
    public const string Mismatch = "mismatch";

    public const string ShortEcho = "short-echo";

    public const string Reset = "reset";

    public const string Timeout = "timeout";

    public const string Refused = "refused";

    public static string Of(LoadErrorKind kind) => kind switch
    {
        LoadErrorKind.Mismatch => Mismatch,
        LoadErrorKind.ShortEcho => ShortEcho,
        LoadErrorKind.Reset => Reset,
        LoadErrorKind.Timeout => Timeout,
        LoadErrorKind.Refused => Refused,
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static IReadOnlyList<LoadErrorKind> All { get; } = Enum.GetValues<LoadErrorKind>();
}
