using System.Buffers;
using System.Net.Sockets;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// The echo loop of the blocking engines (<c>thread</c>, <c>workqueue</c>): receive, do the work,
/// send exactly the bytes received, repeat until the client leaves. It runs on whatever thread the
/// engine gives it and holds that thread for the whole session, which is the point of those models.
/// </summary>
internal static class BlockingEchoSession
{
    /// <summary>Runs the session to its end. Never throws for anything a client does.</summary>
    public static void Run(Connection connection, EngineOptions options, EngineStatistics statistics, CancellationToken stopping)
    {
        var socket = connection.Socket;
        int size = options.BufferSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            while (true)
            {
                int received = socket.Receive(buffer, 0, size, SocketFlags.None, out SocketError receiveError);
                if (receiveError != SocketError.Success)
                {
                    Count(SocketErrors.Classify(receiveError, receiving: true, stopping.IsCancellationRequested), statistics);
                    return;
                }

                if (received == 0)
                {
                    // The client shut down its sending side. Everything it sent has been echoed
                    // already (each chunk is sent in full before the next receive), so finish.
                    ShutdownSend(socket);
                    return;
                }

                statistics.OnReceived(received);
                options.Work.Apply();

                // Exactly the bytes received, never a string length or a whole buffer.
                int sent = 0;
                while (sent < received)
                {
                    int n = socket.Send(buffer, sent, received - sent, SocketFlags.None, out SocketError sendError);
                    if (sendError != SocketError.Success)
                    {
                        Count(SocketErrors.Classify(sendError, receiving: false, stopping.IsCancellationRequested), statistics);
                        return;
                    }

                    sent += n;
                    statistics.OnSent(n);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already reset or shut down by a stop: nothing left to tell the client.
        }
    }

    private static void Count(ErrorKind? kind, EngineStatistics statistics)
    {
        if (kind is { } k)
        {
            statistics.OnError(k);
        }
    }
}
