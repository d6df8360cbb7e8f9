using System.Runtime.InteropServices;

namespace Orchestrator.Dns.Server.Batching;

/// <summary>
/// The few libc socket calls .NET has no API for: recvmmsg(2) and sendmmsg(2), which move a whole batch of
/// datagrams per system call, plus poll(2) and shutdown(2) to wait on and wake a blocked receiver.
/// Linux on a 64-bit process only (<see cref="IsSupported"/>): the message header layout below is LP64's.
/// </summary>
internal static partial class LinuxSockets
{
    /// <summary>recvmmsg: block for the first datagram only, then take what is already queued.</summary>
    public const int MsgWaitForOne = 0x10000;

    /// <summary>send and receive: do not block.</summary>
    public const int MsgDontWait = 0x40;

    /// <summary>msg_flags: the datagram was longer than the buffer.</summary>
    public const int MsgTrunc = 0x20;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const short PollIn = 0x1;
    public const int ShutRead = 0;

    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static unsafe partial int ReceiveMessages(int fd, MessageHeader* messages, uint count, int flags, nint timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static unsafe partial int SendMessages(int fd, MessageHeader* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public nint Base;
        public nuint Length;
    }

    /// <summary>struct mmsghdr (a struct msghdr and the byte count the call filled in), LP64 layout.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    public struct MessageHeader
    {
        [FieldOffset(0)]
        public nint Name;

        [FieldOffset(8)]
        public uint NameLength;

        [FieldOffset(16)]
        public nint Vectors;

        [FieldOffset(24)]
        public nuint VectorCount;

        [FieldOffset(32)]
        public nint Control;

        [FieldOffset(40)]
        public nuint ControlLength;

        [FieldOffset(48)]
        public int Flags;

        [FieldOffset(56)]
        public uint Length;
    }

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
