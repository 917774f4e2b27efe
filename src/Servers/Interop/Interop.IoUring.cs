using System.Runtime.InteropServices;

namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>
    /// Linux io_uring, raw: the three system calls (glibc has no wrappers, so they go through
    /// <c>syscall(2)</c>), the ring mappings and the structures the uring engine shares with the
    /// kernel. Layouts and numbers are the kernel's UAPI (include/uapi/linux/io_uring.h); no liburing.
    /// </summary>
    /// <remarks>
    /// <c>syscall</c> is variadic in C; it is imported here with the fixed integer and pointer
    /// arguments of each call. On x86-64 and arm64 Linux, integer and pointer arguments of a variadic
    /// call travel in the same registers as a fixed call's, and glibc's <c>syscall</c> is assembly
    /// that only moves them into place, so the fixed signatures are exact.
    /// </remarks>
    internal static unsafe partial class IoUring
    {
        // System call numbers: the same on x86-64 and arm64 (the io_uring calls came after the tables merged).
        public const long SYS_io_uring_setup = 425;
        public const long SYS_io_uring_enter = 426;
        public const long SYS_io_uring_register = 427;

        // io_uring_setup flags.
        public const uint IORING_SETUP_SQPOLL = 1u << 1;
        public const uint IORING_SETUP_CQSIZE = 1u << 3;
        public const uint IORING_SETUP_COOP_TASKRUN = 1u << 8;
        public const uint IORING_SETUP_SINGLE_ISSUER = 1u << 12;
        public const uint IORING_SETUP_DEFER_TASKRUN = 1u << 13;

        // io_uring_params.features.
        public const uint IORING_FEAT_SINGLE_MMAP = 1u << 0;
        public const uint IORING_FEAT_NODROP = 1u << 1;
        public const uint IORING_FEAT_SQPOLL_NONFIXED = 1u << 7;
        public const uint IORING_FEAT_EXT_ARG = 1u << 8;

        // The submission ring's flags word (SqOff.Flags), written by the kernel.
        public const uint IORING_SQ_NEED_WAKEUP = 1u << 0;

        // io_uring_enter flags.
        public const uint IORING_ENTER_GETEVENTS = 1u << 0;
        public const uint IORING_ENTER_SQ_WAKEUP = 1u << 1;
        public const uint IORING_ENTER_SQ_WAIT = 1u << 2;
        public const uint IORING_ENTER_EXT_ARG = 1u << 3;

        // io_uring_register opcodes.
        public const uint IORING_REGISTER_PBUF_RING = 22;
        public const uint IORING_UNREGISTER_PBUF_RING = 23;

        // mmap offsets of the rings.
        public const long IORING_OFF_SQ_RING = 0;
        public const long IORING_OFF_SQES = 0x10000000;

        // Opcodes.
        public const byte IORING_OP_POLL_ADD = 6;
        public const byte IORING_OP_ACCEPT = 13;
        public const byte IORING_OP_ASYNC_CANCEL = 14;
        public const byte IORING_OP_SEND = 26;
        public const byte IORING_OP_RECV = 27;

        // sqe->flags.
        public const byte IOSQE_BUFFER_SELECT = 1 << 5;

        // sqe->ioprio, per opcode.
        public const ushort IORING_RECV_MULTISHOT = 1 << 1;
        public const ushort IORING_ACCEPT_MULTISHOT = 1 << 0;

        // cqe->flags.
        public const uint IORING_CQE_F_BUFFER = 1u << 0;
        public const uint IORING_CQE_F_MORE = 1u << 1;
        public const int IORING_CQE_BUFFER_SHIFT = 16;

        public const int SqeSize = 64;
        public const int CqeSize = 16;

        public const int PROT_READ = 0x1;
        public const int PROT_WRITE = 0x2;
        public const int MAP_SHARED = 0x01;
        public const int MAP_POPULATE = 0x8000;

        /// <summary>The ring offsets io_uring_setup fills in (struct io_sqring_offsets).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct SqRingOffsets
        {
            public uint Head;
            public uint Tail;
            public uint RingMask;
            public uint RingEntries;
            public uint Flags;
            public uint Dropped;
            public uint Array;
            public uint Resv1;
            public ulong UserAddr;
        }

        /// <summary>struct io_cqring_offsets.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct CqRingOffsets
        {
            public uint Head;
            public uint Tail;
            public uint RingMask;
            public uint RingEntries;
            public uint Overflow;
            public uint Cqes;
            public uint Flags;
            public uint Resv1;
            public ulong UserAddr;
        }

        /// <summary>struct io_uring_params (120 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Params
        {
            public uint SqEntries;
            public uint CqEntries;
            public uint Flags;
            public uint SqThreadCpu;
            public uint SqThreadIdle;
            public uint Features;
            public uint WqFd;
            public fixed uint Resv[3];
            public SqRingOffsets SqOff;
            public CqRingOffsets CqOff;
        }

        /// <summary>
        /// struct io_uring_sqe (64 bytes), with the fields of the opcodes used here. The unions are
        /// flattened to the member each opcode reads: <see cref="OpFlags"/> is msg_flags, accept_flags,
        /// poll32_events or cancel_flags; <see cref="BufGroup"/> is buf_group.
        /// </summary>
        [StructLayout(LayoutKind.Explicit, Size = SqeSize)]
        public struct Sqe
        {
            [FieldOffset(0)] public byte Opcode;
            [FieldOffset(1)] public byte Flags;
            [FieldOffset(2)] public ushort IoPrio;
            [FieldOffset(4)] public int Fd;
            [FieldOffset(8)] public ulong Off;
            [FieldOffset(16)] public ulong Addr;
            [FieldOffset(24)] public uint Len;
            [FieldOffset(28)] public uint OpFlags;
            [FieldOffset(32)] public ulong UserData;
            [FieldOffset(40)] public ushort BufGroup;
        }

        /// <summary>struct io_uring_cqe (16 bytes; rings are set up without CQE32).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Cqe
        {
            public ulong UserData;
            public int Res;
            public uint Flags;
        }

        /// <summary>struct io_uring_buf_reg: the argument of IORING_(UN)REGISTER_PBUF_RING.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct BufReg
        {
            public ulong RingAddr;
            public uint RingEntries;
            public ushort Bgid;
            public ushort Pad;
            public fixed ulong Resv[3];
        }

        /// <summary>struct io_uring_getevents_arg: a wait with a timeout (IORING_ENTER_EXT_ARG).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct GeteventsArg
        {
            public ulong Sigmask;
            public uint SigmaskSize;
            public uint MinWaitUsec;
            public ulong Ts;
        }

        /// <summary>
        /// In a provided buffer ring, struct io_uring_buf: 16 bytes per entry. The ring's tail is the
        /// last 16 bits of entry 0 (its <c>resv</c>), so filling entry 0 must not write those bytes.
        /// </summary>
        public const int BufRingEntrySize = 16;

        public const int BufRingTailOffset = 14;

        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        private static partial long SyscallSetup(long number, uint entries, Params* p);

        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        private static partial long SyscallEnter(long number, int fd, uint toSubmit, uint minComplete, uint flags, void* arg, nuint argSize);

        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        private static partial long SyscallRegister(long number, int fd, uint opcode, void* arg, uint count);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial void* mmap(void* addr, nuint length, int prot, int flags, int fd, long offset);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int munmap(void* addr, nuint length);

        /// <summary>io_uring_setup(2): the ring's descriptor, or -1 with errno set.</summary>
        public static int Setup(uint entries, Params* p) => (int)SyscallSetup(SYS_io_uring_setup, entries, p);

        /// <summary>io_uring_enter(2): submitted count, or -1 with errno set.</summary>
        public static int Enter(int fd, uint toSubmit, uint minComplete, uint flags, void* arg, nuint argSize) =>
            (int)SyscallEnter(SYS_io_uring_enter, fd, toSubmit, minComplete, flags, arg, argSize);

        /// <summary>io_uring_register(2): 0 (or a count), or -1 with errno set.</summary>
        public static int Register(int fd, uint opcode, void* arg, uint count) =>
            (int)SyscallRegister(SYS_io_uring_register, fd, opcode, arg, count);
    }
}
