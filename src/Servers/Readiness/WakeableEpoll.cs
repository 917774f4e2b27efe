using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KEchoBench.Servers.Readiness;

/// <summary>
/// An epoll instance together with the eventfd that wakes whoever waits on it: what the event
/// loops and cmwq's readiness thread each wait in. A thread blocked in epoll_wait cannot be
/// interrupted from managed code, so stopping it means making an event happen: <see cref="Wake"/>
/// writes to the eventfd, whose event carries <see cref="WakeTag"/>, and the waiter sees its stop
/// flag. The eventfd is level-triggered and never read: once woken, every later wait returns at
/// once, which is what a waiter on its way out wants.
/// </summary>
internal sealed unsafe class WakeableEpoll : IDisposable
{
    /// <summary>
    /// The data of the wake event. Neither a descriptor (the event loop tags connections with
    /// theirs) nor a GC handle (cmwq tags connections with one) is ever -1.
    /// </summary>
    public const nint WakeTag = -1;

    private int _epollFd;
    private int _wakeFd;

    private WakeableEpoll(int epollFd, int wakeFd)
    {
        _epollFd = epollFd;
        _wakeFd = wakeFd;
    }

    /// <summary>The epoll instance's descriptor, for <c>Interop.Epoll.Control</c> and <c>epoll_wait</c>.</summary>
    public int Fd => _epollFd;

    /// <summary>Creates the pair; throws <see cref="SocketException"/> with the errno when the process is out of descriptors or memory.</summary>
    public static WakeableEpoll Create()
    {
        int epollFd = Interop.Epoll.epoll_create1(Interop.Epoll.EPOLL_CLOEXEC);
        int wakeFd = epollFd < 0 ? -1 : Interop.Epoll.eventfd(0, Interop.Epoll.EFD_CLOEXEC | Interop.Epoll.EFD_NONBLOCK);
        var created = new WakeableEpoll(epollFd, wakeFd);
        if (wakeFd < 0 || Interop.Epoll.Control(epollFd, Interop.Epoll.EPOLL_CTL_ADD, wakeFd, Interop.Epoll.EPOLLIN, WakeTag) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            created.Dispose();
            throw new SocketException(errno);
        }

        return created;
    }

    /// <summary>Allocates room for <paramref name="maxEvents"/> events of <c>epoll_wait</c> (free it with <see cref="NativeMemory.Free"/>).</summary>
    public static byte* AllocateEvents(int maxEvents) => (byte*)NativeMemory.AllocZeroed((nuint)(maxEvents * Interop.Epoll.EventSize));

    /// <summary>Makes the waiter's epoll_wait return, now and at every later call.</summary>
    public void Wake()
    {
        long one = 1;
        Interop.Io.write(_wakeFd, (byte*)&one, sizeof(long));
    }

    /// <summary>Closes both descriptors; a second call does nothing.</summary>
    public void Dispose()
    {
        Interop.Io.CloseOnce(ref _wakeFd);
        Interop.Io.CloseOnce(ref _epollFd);
    }
}
