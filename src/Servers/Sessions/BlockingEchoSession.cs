using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// The echo loop of the blocking engines (<c>thread</c>, <c>workqueue</c>): receive, do the work,
/// send exactly the bytes received, repeat until the client leaves. It runs on whatever thread the
/// engine gives it and holds that thread for the whole session, which is the point of those models.
/// </summary>
[SkipLocalsInit]
internal static class BlockingEchoSession
{
    // Receive buffers up to this size live on the session thread's own stack (4 KiB by default;
    // the thread engine reserves 256 KiB per thread), larger ones are rented.
    private const int StackBufferLimit = 16 * 1024;

    /// <summary>Runs the session to its end. Never throws for anything a client does.</summary>
    public static void Run(SocketConnection connection, EngineOptions options, EngineStatistics statistics, CancellationToken stopping)
    {
        int size = options.BufferSize;
        if (size <= StackBufferLimit)
        {
            // A thread per connection is new to the pool's thread-local caches, so a rented buffer
            // would be a fresh 4 KiB array for every session; the stack costs nothing.
            Echo(connection, stackalloc byte[size], options, statistics, stopping);
            return;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            Echo(connection, rented.AsSpan(0, size), options, statistics, stopping);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Called once per connection and then looping for its lifetime: the call counts that tiered
    // compilation promotes on never come, so every session would start in unoptimised code and
    // climb out through on-stack replacement. Compile it optimised once instead.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Echo(SocketConnection connection, Span<byte> buffer, EngineOptions options, EngineStatistics statistics, CancellationToken stopping)
    {
        var socket = connection.Socket;
        while (true)
        {
            int received = socket.Receive(buffer, SocketFlags.None, out SocketError receiveError);
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
                int n = socket.Send(buffer[sent..received], SocketFlags.None, out SocketError sendError);
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
