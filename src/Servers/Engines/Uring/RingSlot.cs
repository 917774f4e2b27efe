using System.Runtime.InteropServices;
using KEchoBench.Servers.Sessions;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// A connection's place in its ring: its receive buffer, handed to the kernel through a provided
/// buffer ring of one entry (buffer group = the slot's index), and the state of the connection
/// that uses it now. One buffer per connection is the slow-reader bound the other engines keep:
/// while the buffer waits to be echoed the kernel has no buffer for this connection, so its
/// multishot receive ends (ENOBUFS) instead of reading on, and is armed again once the echo has
/// gone. A slot outlives its connections: it stays registered and is reused by the next one, so
/// a connection costs no register call once the loop has had as many at a time before.
/// </summary>
internal sealed unsafe class RingSlot
{
    private readonly byte* _block;
    private ushort _tail;

    private RingSlot(ushort index, byte* block, int bufferSize)
    {
        Index = index;
        _block = block;
        Buffer = block + Environment.SystemPageSize;
        BufferSize = bufferSize;
    }

    public ushort Index { get; }

    /// <summary>The receive buffer (the second page onwards of the block; the ring, page-aligned as the kernel wants it, is the first).</summary>
    public byte* Buffer { get; }

    public int BufferSize { get; }

    /// <summary>The connection served from this slot, or null while the slot is free.</summary>
    public DescriptorConnection? Connection { get; set; }

    public int Fd { get; set; } = -1;

    /// <summary>The multishot receive is armed (no completion without IORING_CQE_F_MORE since it was submitted).</summary>
    public bool Receiving { get; set; }

    /// <summary>A send is in flight; the buffer is the kernel's to read until it completes.</summary>
    public bool Sending { get; set; }

    /// <summary>The kernel took the buffer (a receive completed into it) and it has not been given back yet.</summary>
    public bool BufferTaken { get; set; }

    /// <summary>Bytes of the buffer echoed so far, and received in all, for the send in flight.</summary>
    public int SendOffset { get; set; }

    public int SendCount { get; set; }

    /// <summary>The peer has finished sending: end once what was received has been echoed.</summary>
    public bool PeerFinished { get; set; }

    /// <summary>The session is over: release the connection once nothing is in flight.</summary>
    public bool Ending { get; set; }

    /// <summary>The descriptor was shut down to end what was still in flight.</summary>
    public bool ShutDown { get; set; }

    public bool InFlight => Receiving || Sending;

    /// <summary>Allocates a slot's memory and registers its one-entry buffer ring; returns null with errno when the kernel refuses (ENOMEM when the locked-memory limit is reached).</summary>
    public static RingSlot? Create(IoRing ring, ushort index, int bufferSize, out int errno)
    {
        nuint page = (nuint)Environment.SystemPageSize;
        nuint size = page + (((nuint)bufferSize + page - 1) / page * page);
        byte* block = (byte*)NativeMemory.AlignedAlloc(size, page);
        new Span<byte>(block, (int)page).Clear();
        var registration = new Interop.IoUring.BufReg { RingAddr = (ulong)block, RingEntries = 1, Bgid = index };
        errno = ring.Register(Interop.IoUring.IORING_REGISTER_PBUF_RING, &registration, 1);
        if (errno != 0)
        {
            NativeMemory.AlignedFree(block);
            return null;
        }

        var slot = new RingSlot(index, block, bufferSize);
        slot.ProvideBuffer();
        return slot;
    }

    /// <summary>Puts the buffer (back) in the slot's ring for the next receive.</summary>
    public void ProvideBuffer()
    {
        // Entry 0's address, length and buffer id; its last two bytes are the ring's tail, written last.
        *(ulong*)_block = (ulong)Buffer;
        *(uint*)(_block + 8) = (uint)BufferSize;
        *(ushort*)(_block + 12) = 0;
        _tail++;
        Volatile.Write(ref *(ushort*)(_block + Interop.IoUring.BufRingTailOffset), _tail);
        BufferTaken = false;
    }

    /// <summary>Unregisters the ring and frees the memory; only once the kernel can no longer touch it.</summary>
    public void Free(IoRing ring)
    {
        var registration = new Interop.IoUring.BufReg { Bgid = Index };
        ring.Register(Interop.IoUring.IORING_UNREGISTER_PBUF_RING, &registration, 1);
        NativeMemory.AlignedFree(_block);
    }
}
