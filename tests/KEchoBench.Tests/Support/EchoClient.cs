using System.Net;
using System.Net.Sockets;

namespace KEchoBench.Tests.Support;

/// <summary>A test client: a connected socket with helpers to read exact amounts and to end the connection in different ways.</summary>
public sealed class EchoClient : IDisposable
{
    private EchoClient(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    /// <param name="socketBufferSize">When set, fixes the socket's kernel send and receive buffers (no autotuning).</param>
    public static async Task<EchoClient> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellation = default, int? socketBufferSize = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (socketBufferSize is { } bufferSize)
        {
            socket.SendBufferSize = bufferSize;
            socket.ReceiveBufferSize = bufferSize;
        }

        try
        {
            await socket.ConnectAsync(endPoint, cancellation);
            return new EchoClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation = default)
    {
        while (!data.IsEmpty)
        {
            int sent = await Socket.SendAsync(data, SocketFlags.None, cancellation);
            data = data[sent..];
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the stream ends first.</summary>
    public async Task<byte[]> ReceiveExactlyAsync(int count, CancellationToken cancellation = default, int maxRead = int.MaxValue)
    {
        var buffer = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            int n = await Socket.ReceiveAsync(buffer.AsMemory(filled, Math.Min(count - filled, maxRead)), SocketFlags.None, cancellation);
            if (n == 0)
            {
                throw new EndOfStreamException($"the server closed after {filled} of {count} bytes");
            }

            filled += n;
        }

        return buffer;
    }

    /// <summary>Reads until the server closes; returns everything received.</summary>
    public async Task<byte[]> ReceiveToEndAsync(CancellationToken cancellation = default)
    {
        using var all = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            int n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cancellation);
            if (n == 0)
            {
                return all.ToArray();
            }

            all.Write(buffer, 0, n);
        }
    }

    /// <summary>Sends and waits for the same bytes back.</summary>
    public async Task<byte[]> EchoAsync(byte[] data, CancellationToken cancellation = default)
    {
        await SendAsync(data, cancellation);
        return await ReceiveExactlyAsync(data.Length, cancellation);
    }

    /// <summary>Closes abortively: the server sees a reset (RST), not an orderly end.</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Close();
    }

    public void Dispose() => Socket.Dispose();
}
