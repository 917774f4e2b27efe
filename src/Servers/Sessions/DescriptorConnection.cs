using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// A connection the event loop serves on its raw descriptor. A <see cref="Socket"/> built around
/// an accepted descriptor queries it with system calls of its own before anything is echoed; this
/// holds only the descriptor's <see cref="DescriptorHandle"/>.
/// </summary>
internal sealed unsafe class DescriptorConnection : Connection
{
    private readonly DescriptorHandle _handle;

    internal DescriptorConnection(long id, DescriptorHandle handle, ConnectionTracker owner)
        : base(id, owner)
    {
        _handle = handle;
        Fd = (int)handle.DangerousGetHandle();
    }

    /// <summary>The descriptor the loop reads and writes.</summary>
    public int Fd { get; }

    /// <summary>Read when asked (the verbose log): the loop does not pay for it per connection.</summary>
    public override IPEndPoint? RemoteEndPoint => PeerOf(_handle);

    internal override void SetNoDelay() => OnDescriptor(Interop.Sockets.SetNoDelay);

    private protected override void Shutdown() => OnDescriptor(static fd => Interop.Sockets.shutdown(fd, Interop.Sockets.SHUT_RDWR));

    private protected override void ResetOnClose() => OnDescriptor(Interop.Sockets.ResetOnClose);

    private protected override void Close() => _handle.Dispose();

    /// <summary>The peer of an accepted descriptor, or null when it is gone or closed.</summary>
    internal static IPEndPoint? PeerOf(DescriptorHandle handle)
    {
        var address = new SocketAddress(AddressFamily.InterNetworkV6);
        int length = address.Buffer.Length;
        int result;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            fixed (byte* buffer = address.Buffer.Span)
            {
                result = Interop.Sockets.getpeername((int)handle.DangerousGetHandle(), buffer, &length);
            }
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        if (result != 0)
        {
            return null;
        }

        address.Size = length;
        return new IPEndPoint(address.Family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0).Create(address) as IPEndPoint;
    }

    /// <summary>
    /// Makes one call on the descriptor under a reference to it (so that a concurrent close cannot
    /// hand its number to another connection meanwhile); throws <see cref="SocketException"/> with
    /// errno when the call fails, <see cref="ObjectDisposedException"/> once the descriptor is closed.
    /// </summary>
    private void OnDescriptor(Func<int, int> call)
    {
        bool added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            if (call((int)_handle.DangerousGetHandle()) != 0)
            {
                throw new SocketException(Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }
}
