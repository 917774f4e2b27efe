using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// One io_uring instance and its mapped rings, used by one thread only: the loop that created it
/// (IORING_SETUP_SINGLE_ISSUER). By default that loop also runs the kernel's completion work for it
/// when it waits (IORING_SETUP_DEFER_TASKRUN: no interrupting task work while the loop runs managed
/// code, and completions are posted in batches at each wait). With SQPOLL a kernel thread of the
/// ring's own takes the submissions from the ring and does the work (the kernel allows no
/// DEFER_TASKRUN then); the loop only publishes the tail, and wakes that thread when it has gone to
/// sleep. Submission entries are filled in place and handed over in the next
/// <see cref="SubmitAndWait"/>; completions are read in place and released together with
/// <see cref="AdvanceCompletions"/>.
/// </summary>
internal sealed unsafe class IoRing : IDisposable
{
    /// <summary>The flags every ring of the engine is set up with (the probe asks for the same).</summary>
    public const uint SetupFlags = Interop.IoUring.IORING_SETUP_SINGLE_ISSUER | Interop.IoUring.IORING_SETUP_DEFER_TASKRUN | Interop.IoUring.IORING_SETUP_CQSIZE;

    /// <summary>The flags of a ring with a submission thread (<c>--sqpoll</c>; the SQPOLL probe asks for the same).</summary>
    public const uint SqPollSetupFlags = Interop.IoUring.IORING_SETUP_SINGLE_ISSUER | Interop.IoUring.IORING_SETUP_SQPOLL | Interop.IoUring.IORING_SETUP_CQSIZE;

    /// <summary>
    /// How long (ms) the submission thread polls an empty queue before it sleeps. Short: on a
    /// machine with few cores a thread that polls long takes a core from the loop and the clients,
    /// and the loop wakes it with one system call when it has slept.
    /// </summary>
    public const uint SqThreadIdleMs = 1;

    private readonly uint _sqEntries;
    private readonly uint _sqMask;
    private readonly uint _cqMask;
    private readonly uint* _sqHead;
    private readonly uint* _sqTail;
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly uint* _sqFlags;
    private readonly bool _sqPoll;
    private readonly Interop.IoUring.Sqe* _sqes;
    private readonly Interop.IoUring.Cqe* _cqes;
    private readonly void* _ringMemory;
    private readonly nuint _ringSize;
    private readonly nuint _sqesSize;
    private int _fd;
    private uint _localSqTail;

    private IoRing(int fd, in Interop.IoUring.Params p, void* ringMemory, nuint ringSize, Interop.IoUring.Sqe* sqes, nuint sqesSize)
    {
        _fd = fd;
        _ringMemory = ringMemory;
        _ringSize = ringSize;
        _sqes = sqes;
        _sqesSize = sqesSize;
        byte* ring = (byte*)ringMemory;
        _sqEntries = p.SqEntries;
        _sqMask = *(uint*)(ring + p.SqOff.RingMask);
        _sqHead = (uint*)(ring + p.SqOff.Head);
        _sqTail = (uint*)(ring + p.SqOff.Tail);
        _sqFlags = (uint*)(ring + p.SqOff.Flags);
        _sqPoll = (p.Flags & Interop.IoUring.IORING_SETUP_SQPOLL) != 0;
        _cqMask = *(uint*)(ring + p.CqOff.RingMask);
        _cqHead = (uint*)(ring + p.CqOff.Head);
        _cqTail = (uint*)(ring + p.CqOff.Tail);
        _cqes = (Interop.IoUring.Cqe*)(ring + p.CqOff.Cqes);
        _localSqTail = *_sqTail;

        // The submission array maps ring slots to entries; an identity map, written once.
        uint* array = (uint*)(ring + p.SqOff.Array);
        for (uint i = 0; i < _sqEntries; i++)
        {
            array[i] = i;
        }
    }

    public int Fd => _fd;

    /// <summary>
    /// Sets up a ring with <paramref name="sqEntries"/> submission and <paramref name="cqEntries"/>
    /// completion entries, with a submission thread when <paramref name="sqPoll"/>, and maps it.
    /// Throws <see cref="SocketException"/> with errno when the kernel refuses (the probes have
    /// already told ENOSYS and EPERM apart).
    /// </summary>
    public static IoRing Create(uint sqEntries, uint cqEntries, bool sqPoll)
    {
        var p = default(Interop.IoUring.Params);
        p.Flags = sqPoll ? SqPollSetupFlags : SetupFlags;
        p.CqEntries = cqEntries;
        p.SqThreadIdle = SqThreadIdleMs;
        int fd = Interop.IoUring.Setup(sqEntries, &p);
        if (fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        if ((p.Features & Interop.IoUring.IORING_FEAT_SINGLE_MMAP) == 0)
        {
            // Every kernel with the setup flags above (6.1+) has one mapping for both rings.
            Interop.Io.close(fd);
            throw new PlatformNotSupportedException("io_uring without IORING_FEAT_SINGLE_MMAP");
        }

        nuint sqRingSize = p.SqOff.Array + (p.SqEntries * sizeof(uint));
        nuint cqRingSize = p.CqOff.Cqes + (p.CqEntries * (uint)Interop.IoUring.CqeSize);
        nuint ringSize = Math.Max(sqRingSize, cqRingSize);
        void* ring = Interop.IoUring.mmap(null, ringSize, Interop.IoUring.PROT_READ | Interop.IoUring.PROT_WRITE, Interop.IoUring.MAP_SHARED | Interop.IoUring.MAP_POPULATE, fd, Interop.IoUring.IORING_OFF_SQ_RING);
        if (ring == (void*)-1)
        {
            int errno = Marshal.GetLastPInvokeError();
            Interop.Io.close(fd);
            throw new SocketException(errno);
        }

        nuint sqesSize = p.SqEntries * (uint)Interop.IoUring.SqeSize;
        void* sqes = Interop.IoUring.mmap(null, sqesSize, Interop.IoUring.PROT_READ | Interop.IoUring.PROT_WRITE, Interop.IoUring.MAP_SHARED | Interop.IoUring.MAP_POPULATE, fd, Interop.IoUring.IORING_OFF_SQES);
        if (sqes == (void*)-1)
        {
            int errno = Marshal.GetLastPInvokeError();
            Interop.IoUring.munmap(ring, ringSize);
            Interop.Io.close(fd);
            throw new SocketException(errno);
        }

        return new IoRing(fd, p, ring, ringSize, (Interop.IoUring.Sqe*)sqes, sqesSize);
    }

    /// <summary>
    /// A cleared submission entry to fill; it goes to the kernel with the next submit. When the
    /// queue is full, what is queued is submitted first (without waiting).
    /// </summary>
    public Interop.IoUring.Sqe* NextSqe()
    {
        if (_localSqTail - Volatile.Read(ref *_sqHead) >= _sqEntries)
        {
            // With SQPOLL the kernel thread empties the queue: wait until it has made room.
            Submit(0, _sqPoll ? Interop.IoUring.IORING_ENTER_SQ_WAIT : 0, null);
        }

        Interop.IoUring.Sqe* sqe = &_sqes[_localSqTail & _sqMask];
        *sqe = default;
        _localSqTail++;
        return sqe;
    }

    /// <summary>
    /// Submits what is queued and waits for at least one completion, or until
    /// <paramref name="timeoutNs"/> (nanoseconds; negative: no timeout). Returns 0, or errno
    /// (EINTR and ETIME are the caller's to ignore).
    /// </summary>
    public int SubmitAndWait(long timeoutNs)
    {
        if (_sqPoll && Volatile.Read(ref *_cqTail) != *_cqHead && !PublishNeedsWakeup())
        {
            // The submission thread takes what was queued by itself, and completions are already
            // waiting: no system call at all (what SQPOLL is for).
            return 0;
        }

        if (timeoutNs < 0)
        {
            return Submit(1, Interop.IoUring.IORING_ENTER_GETEVENTS, null);
        }

        var ts = Interop.Time.Timespec.FromNanoseconds(timeoutNs);
        var arg = new Interop.IoUring.GeteventsArg { Ts = (ulong)&ts };
        return Submit(1, Interop.IoUring.IORING_ENTER_GETEVENTS | Interop.IoUring.IORING_ENTER_EXT_ARG, &arg);
    }

    /// <summary>The next completion not yet released, or null when none is waiting.</summary>
    public Interop.IoUring.Cqe* PeekCompletion(uint index)
    {
        uint head = *_cqHead + index;
        return head == Volatile.Read(ref *_cqTail) ? null : &_cqes[head & _cqMask];
    }

    /// <summary>Gives <paramref name="count"/> read completions back to the kernel.</summary>
    public void AdvanceCompletions(uint count) => Volatile.Write(ref *_cqHead, *_cqHead + count);

    /// <summary>io_uring_register(2) on this ring; 0, or errno.</summary>
    public int Register(uint opcode, void* arg, uint count) =>
        Interop.IoUring.Register(_fd, opcode, arg, count) < 0 ? Marshal.GetLastPInvokeError() : 0;

    /// <summary>Unmaps the rings and closes the descriptor (which cancels what is still in flight); a second call does nothing.</summary>
    public void Dispose()
    {
        if (_fd < 0)
        {
            return;
        }

        Interop.IoUring.munmap(_sqes, _sqesSize);
        Interop.IoUring.munmap(_ringMemory, _ringSize);
        Interop.Io.CloseOnce(ref _fd);
    }

    /// <summary>
    /// Makes the queued entries visible to the submission thread and says whether it sleeps (then
    /// only io_uring_enter with IORING_ENTER_SQ_WAKEUP gets them taken).
    /// </summary>
    private bool PublishNeedsWakeup()
    {
        Volatile.Write(ref *_sqTail, _localSqTail);

        // A full barrier between the tail store and the flags load, as the kernel pairs it with its
        // own: otherwise the loop could read the flag from before the thread went to sleep and
        // leave the new entries unseen until the next wake.
        Interlocked.MemoryBarrier();
        return (Volatile.Read(ref *_sqFlags) & Interop.IoUring.IORING_SQ_NEED_WAKEUP) != 0;
    }

    private int Submit(uint minComplete, uint flags, void* arg)
    {
        if (_sqPoll && PublishNeedsWakeup())
        {
            flags |= Interop.IoUring.IORING_ENTER_SQ_WAKEUP;
        }

        Volatile.Write(ref *_sqTail, _localSqTail);
        uint toSubmit = _localSqTail - Volatile.Read(ref *_sqHead);
        nuint argSize = arg is null ? 0 : (nuint)sizeof(Interop.IoUring.GeteventsArg);
        return Interop.IoUring.Enter(_fd, toSubmit, minComplete, flags, arg, argSize) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }
}
