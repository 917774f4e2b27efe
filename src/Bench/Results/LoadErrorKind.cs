namespace KEchoBench.Bench.Results;

/// <summary>Ways a round trip or a connection can fail. Each is counted on its own; none is ever a success.</summary>
internal enum LoadErrorKind
{
    /// <summary>Echoed bytes differ from those sent: corruption, loss or reordering inside the stream, another connection's bytes, or bytes that were never sent.</summary>
    Mismatch,

    /// <summary>The server closed the connection before the full echo came back.</summary>
    ShortEcho,

    /// <summary>The connection was reset (or failed with another I/O error).</summary>
    Reset,

    /// <summary>No complete echo (or no connect) within the timeout.</summary>
    Timeout,

    /// <summary>The connection could not be made: refused, or no route.</summary>
    Refused,
}
