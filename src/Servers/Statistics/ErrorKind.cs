namespace KEchoBench.Servers.Statistics;

/// <summary>Why a session or the accept loop ran into trouble. Each kind is counted on its own.</summary>
internal enum ErrorKind
{
    /// <summary>The client reset the connection (RST). Ends that session quietly.</summary>
    ConnectionReset,

    /// <summary>A receive failed for another reason.</summary>
    ReceiveFailed,

    /// <summary>A send failed (other than by reset).</summary>
    SendFailed,

    /// <summary>Accepting a connection failed.</summary>
    AcceptFailed,

    /// <summary>A session was still running when the stop deadline passed and was closed by force.</summary>
    ForcedClose,

    /// <summary>An unexpected exception inside the engine (a bug: always worth a look).</summary>
    Internal,
}
