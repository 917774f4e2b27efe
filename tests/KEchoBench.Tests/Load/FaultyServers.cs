using System.Net.Sockets;

namespace KEchoBench.Tests.Load;

/// <summary>Echo servers that are wrong in one way each: what the load generator must catch.</summary>
internal static class FaultyServers
{
    /// <summary>Echoes everything except the stream's byte at <paramref name="offset"/>.</summary>
    public static Func<int, Socket, CancellationToken, Task> DropsByte(int offset) => (_, socket, stopping) =>
        Rewrite(socket, stopping, (buffer, n, position) =>
        {
            if (position <= offset && offset < position + n)
            {
                int at = offset - position;
                Array.Copy(buffer, at + 1, buffer, at, n - at - 1);
                return n - 1;
            }

            return n;
        });

    /// <summary>Echoes everything, but flips the bits of the stream's byte at <paramref name="offset"/>.</summary>
    public static Func<int, Socket, CancellationToken, Task> CorruptsByte(int offset) => (_, socket, stopping) =>
        Rewrite(socket, stopping, (buffer, n, position) =>
        {
            if (position <= offset && offset < position + n)
            {
                buffer[offset - position] ^= 0xFF;
            }

            return n;
        });

    /// <summary>Echoes the first half of the first message, then closes (gracefully: FIN, not RST).</summary>
    public static async Task ClosesEarly(int index, Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        int n = await socket.ReceiveAsync(buffer, stopping);
        await socket.SendAsync(buffer.AsMemory(0, n / 2), stopping);
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    }

    /// <summary>Reads the first message, then resets the connection (SO_LINGER 0).</summary>
    public static async Task Resets(int index, Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        await socket.ReceiveAsync(buffer, stopping);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>Reads, never answers: holds the connection until the server stops.</summary>
    public static async Task Stalls(int index, Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, stopping) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Two connections, each echoed to the other: the cross-talk a server with shared buffers
    /// produces. Each side gets bytes of the right length, just not its own.
    /// </summary>
    public static Func<int, Socket, CancellationToken, Task> CrossesTwoConnections()
    {
        var sockets = new Socket?[2];
        var bothAccepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int accepted = 0;
        return async (index, socket, stopping) =>
        {
            if (index > 1)
            {
                socket.Close();
                return;
            }

            sockets[index] = socket;
            if (Interlocked.Increment(ref accepted) == 2)
            {
                bothAccepted.SetResult();
            }

            await bothAccepted.Task.WaitAsync(stopping);
            var other = sockets[1 - index]!;
            var buffer = new byte[4096];
            int n;
            while ((n = await socket.ReceiveAsync(buffer, stopping)) > 0)
            {
                await other.SendAsync(buffer.AsMemory(0, n), stopping);
            }
        };
    }

    /// <summary>Echoes, but once, after <paramref name="afterBytes"/> bytes, holds its answer for <paramref name="pause"/>.</summary>
    public static Func<int, Socket, CancellationToken, Task> StallsOnce(long afterBytes, TimeSpan pause) => async (_, socket, stopping) =>
    {
        var buffer = new byte[4096];
        long position = 0;
        bool stalled = false;
        int n;
        while ((n = await socket.ReceiveAsync(buffer, stopping)) > 0)
        {
            position += n;
            if (!stalled && position >= afterBytes)
            {
                stalled = true;
                await Task.Delay(pause, stopping); // the server's own hiccup (a GC pause, a page fault storm)
            }

            await socket.SendAsync(buffer.AsMemory(0, n), stopping);
        }
    };

    /// <summary>Reads chunks and echoes what <paramref name="rewrite"/> leaves of each (position = stream offset of the chunk).</summary>
    private static async Task Rewrite(Socket socket, CancellationToken stopping, Func<byte[], int, int, int> rewrite)
    {
        var buffer = new byte[4096];
        int position = 0;
        int n;
        while ((n = await socket.ReceiveAsync(buffer, stopping)) > 0)
        {
            int keep = rewrite(buffer, n, position);
            position += n;
            await socket.SendAsync(buffer.AsMemory(0, keep), stopping);
        }
    }
}
