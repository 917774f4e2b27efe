using System.Net.Sockets;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Sessions;

/// <summary>Turns a failed socket call into the error kind it is counted as, if any.</summary>
internal static class SocketErrors
{
    /// <summary>
    /// Returns the kind to count, or null when the failure is not an error: a session ended by the
    /// stop sees its socket shut down under it, and that is how it is meant to end.
    /// </summary>
    public static ErrorKind? Classify(SocketError error, bool receiving, bool stopping)
    {
        if (stopping)
        {
            return null;
        }

        return error switch
        {
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => ErrorKind.ConnectionReset,
            _ when receiving => ErrorKind.ReceiveFailed,
            _ => ErrorKind.SendFailed,
        };
    }

    /// <summary>What a failed recv or send's errno counts as: a reset, or a failure of its own.</summary>
    public static SocketError FromErrno(int errno) => errno switch
    {
        Interop.Errno.ECONNRESET or Interop.Errno.EPIPE => SocketError.ConnectionReset,
        _ => SocketError.SocketError,
    };
}
