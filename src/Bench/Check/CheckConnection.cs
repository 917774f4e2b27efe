using System.Net;
using System.Net.Sockets;

namespace KEchoBench.Bench.Check;

/// <summary>
/// A client connection for the checks. Every wait is bounded by <see cref="CheckSettings.Timeout"/>
/// and ends in data or a reason (closed, reset, timed out), never in an exception the check must
/// decode. Disposing closes gracefully (FIN): only <see cref="Reset"/> sends a reset, so a server
/// that mishandles resets is caught by the reset check alone.
/// </summary>
internal sealed class CheckConnection : IDisposable
{
    private readonly CheckSettings _settings;

    private CheckConnection(Socket socket, CheckSettings settings)
    {
        Socket = socket;
        _settings = settings;
    }

    public Socket Socket { get; }

    /// <summary>Connects, or fails the check with what went wrong in the user's words.</summary>
    public static async Task<CheckConnection> OpenAsync(IPEndPoint target, CheckSettings settings, CancellationToken cancellation, int? socketBufferSize = null)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (socketBufferSize is { } size)
        {
            socket.SendBufferSize = size;
            socket.ReceiveBufferSize = size;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            await socket.ConnectAsync(target, deadline.Token).ConfigureAwait(false);
            return new CheckConnection(socket, settings);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            socket.Dispose();
            throw new CheckFailedException($"could not connect to {CheckText.EndPoint(target)} within {CheckText.Seconds(settings.Timeout)}");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new CheckFailedException(e.SocketErrorCode == SocketError.ConnectionRefused
                ? $"connection refused at {CheckText.EndPoint(target)}: the server is not accepting connections"
                : $"could not connect to {CheckText.EndPoint(target)}: {e.Message}");
        }
    }

    /// <summary>Sends everything, or fails the check when the server stops taking bytes for a whole timeout.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        long total = data.Length;
        while (!data.IsEmpty)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(_settings.Timeout);
            try
            {
                data = data[await Socket.SendAsync(data, SocketFlags.None, deadline.Token).ConfigureAwait(false)..];
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                throw new CheckFailedException($"the server took no more bytes for {CheckText.Seconds(_settings.Timeout)} after {total - data.Length:N0} of {total:N0}");
            }
            catch (SocketException e)
            {
                throw new CheckFailedException($"sending failed after {total - data.Length:N0} of {total:N0} bytes: {Describe(e)}");
            }
        }
    }

    /// <summary>
    /// Reads until <paramref name="count"/> bytes have come, the server closes or resets, or no
    /// byte comes for a whole timeout. With <paramref name="stopAfter"/>, also stops once that byte
    /// arrives (a line's end), and with <paramref name="expected"/> as soon as the bytes differ from
    /// it, so that a reply shorter than expected does not cost a timeout.
    /// </summary>
    public async Task<Received> ReceiveAsync(int count, CancellationToken cancellation, int maxRead = int.MaxValue, byte? stopAfter = null, ReadOnlyMemory<byte> expected = default)
    {
        var buffer = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            var (n, end) = await ReadSomeAsync(buffer.AsMemory(filled, Math.Min(count - filled, maxRead)), _settings.Timeout, cancellation).ConfigureAwait(false);
            if (end is not null)
            {
                return new Received(buffer[..filled], end.Value);
            }

            int before = filled;
            filled += n;
            if (stopAfter is { } last && buffer[filled - 1] == last)
            {
                break;
            }

            if (expected.Length >= filled && !buffer.AsSpan(before, n).SequenceEqual(expected.Span[before..filled]))
            {
                break;
            }
        }

        return new Received(buffer[..filled], filled == count ? StreamEnd.Complete : StreamEnd.EndedEarly);
    }

    /// <summary>Whatever arrives within the quiet period: bytes the server should not have sent.</summary>
    public async Task<byte[]> ReceiveUnexpectedAsync(CancellationToken cancellation)
    {
        using var extra = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var until = DateTime.UtcNow + _settings.Quiet;
        while (DateTime.UtcNow < until && extra.Length < 1024 * 1024)
        {
            var (n, end) = await ReadSomeAsync(buffer, until - DateTime.UtcNow, cancellation).ConfigureAwait(false);
            if (end is not null)
            {
                break;
            }

            extra.Write(buffer, 0, n);
        }

        return extra.ToArray();
    }

    /// <summary>Reads until the server closes (or resets, or goes quiet for a whole timeout), at most <paramref name="limit"/> bytes.</summary>
    public async Task<Received> ReceiveToEndAsync(int limit, CancellationToken cancellation)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (all.Length <= limit)
        {
            var (n, end) = await ReadSomeAsync(buffer, _settings.Timeout, cancellation).ConfigureAwait(false);
            if (end is not null)
            {
                return new Received(all.ToArray(), end.Value);
            }

            all.Write(buffer, 0, n);
        }

        return new Received(all.ToArray(), StreamEnd.Complete);
    }

    /// <summary>Sends a message and checks that exactly it comes back (nothing more within the quiet period).</summary>
    public async Task EchoAsync(byte[] message, CancellationToken cancellation, string? what = null)
    {
        await SendAsync(message, cancellation).ConfigureAwait(false);
        var echo = await ReceiveAsync(message.Length, cancellation, expected: message).ConfigureAwait(false);
        byte[] extra = echo.End == StreamEnd.Complete && Socket.Available > 0 ? await ReceiveUnexpectedAsync(cancellation).ConfigureAwait(false) : [];
        EchoVerdict.Verify(message, echo, extra, _settings, what);
    }

    /// <summary>Closes abortively (SO_LINGER 0): the server sees a reset, not an orderly end.</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Close();
    }

    public void Dispose() => Socket.Dispose();

    private async Task<(int Count, StreamEnd? End)> ReadSomeAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            int n = await Socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            return n == 0 ? (0, StreamEnd.Closed) : (n, null);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return (0, StreamEnd.TimedOut);
        }
        catch (SocketException)
        {
            return (0, StreamEnd.Reset);
        }
    }

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionReset => "the server reset the connection",
        SocketError.Shutdown or SocketError.ConnectionAborted => "the connection was closed",
        _ => e.Message,
    };
}
