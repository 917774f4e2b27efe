using System.Net.Sockets;
using KEchoBench.Tests.Load;

namespace KEchoBench.Tests.Check;

/// <summary>
/// Echo servers with one defect each, the ones kecho and its relatives had: what <c>kechobench
/// check</c> must find, and name, with the right check alone. Sessions for <see cref="TestServer"/>.
/// </summary>
internal static class BrokenServers
{
    /// <summary>The correct server to compare with: echoes exactly, and closes once the client has.</summary>
    public static Func<int, Socket, CancellationToken, Task> Correct { get; } = ClosingAtTheEnd((_, socket, stopping) => TestServer.Echo(socket, stopping));

    /// <summary>Closes the connection (FIN) when the session ends by itself, as a server should: the defect under test is the only one.</summary>
    public static Func<int, Socket, CancellationToken, Task> ClosingAtTheEnd(Func<int, Socket, CancellationToken, Task> session) => async (index, socket, stopping) =>
    {
        await session(index, socket, stopping);
        socket.Close();
    };

    /// <summary>
    /// kecho's bug: receives up to 4095 bytes into a buffer never cleared (here: full of old
    /// garbage) and answers <c>strlen(buffer)</c> bytes, so the reply runs on past the message.
    /// </summary>
    public static async Task OverReadsLikeStrlen(int index, Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        new Random(index).NextBytes(buffer);
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] |= 0x80; // uninitialised memory: no NUL anywhere...
        }

        buffer[^1] = 0; // ...but the last byte, where the kernel's buffer ended
        int n;
        while ((n = await socket.ReceiveAsync(buffer.AsMemory(0, 4095), stopping)) > 0)
        {
            int length = Array.IndexOf(buffer, (byte)0);
            await socket.SendAsync(buffer.AsMemory(0, length), stopping);
        }
    }

    /// <summary>The kecho user-space epoll server's mirror-image bug: it always sends its whole 512-byte buffer.</summary>
    public static async Task SendsWholeBuffer(int index, Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[512];
        while (await socket.ReceiveAsync(buffer, stopping) > 0)
        {
            await socket.SendAsync(buffer, stopping);
        }
    }

    /// <summary>Drops every CR: telnet's cursor lands at the start of the echoed line.</summary>
    public static async Task DropsCarriageReturns(int index, Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, stopping)) > 0)
        {
            byte[] kept = [.. buffer.Take(n).Where(b => b != (byte)'\r')];
            await socket.SendAsync(kept, stopping);
        }
    }

    /// <summary>Receives into 4096 bytes but answers at most 4095 of them (room kept for a NUL that is never sent).</summary>
    public static async Task TruncatesAt4095(int index, Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, stopping)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, Math.Min(n, 4095)), stopping);
        }
    }

    /// <summary>Treats the client's FIN as the end of the connection and aborts it (RST), dropping what it had not yet delivered.</summary>
    public static async Task AbortsOnHalfClose(int index, Socket socket, CancellationToken stopping)
    {
        await TestServer.Echo(socket, stopping);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>
    /// One receive buffer shared by every session, and a little work between reading and
    /// answering while others are connected: concurrent clients get each other's bytes.
    /// </summary>
    public static Func<int, Socket, CancellationToken, Task> SharesOneBuffer()
    {
        var shared = new byte[4096];
        int live = 0;
        return async (_, socket, stopping) =>
        {
            Interlocked.Increment(ref live);
            try
            {
                int n;
                while ((n = await socket.ReceiveAsync(shared, stopping)) > 0)
                {
                    if (Volatile.Read(ref live) > 1)
                    {
                        await Task.Delay(1, stopping);
                    }

                    await socket.SendAsync(shared.AsMemory(0, n), stopping);
                }
            }
            finally
            {
                Interlocked.Decrement(ref live);
            }
        };
    }

    /// <summary>
    /// Echoes until any client resets its connection; then it goes down as a process would: every
    /// connection is closed and new ones are closed at once.
    /// </summary>
    public static Func<int, Socket, CancellationToken, Task> DiesOnReset()
    {
        var sockets = new List<Socket>();
        bool dead = false;
        return async (_, socket, stopping) =>
        {
            lock (sockets)
            {
                if (dead)
                {
                    socket.Close();
                    return;
                }

                sockets.Add(socket);
            }

            try
            {
                await TestServer.Echo(socket, stopping);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                lock (sockets)
                {
                    dead = true;
                    foreach (var open in sockets)
                    {
                        open.Close();
                    }
                }
            }
        };
    }
}
