namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>The libc calls of a netlink socket (no native library beyond libc).</summary>
internal static partial class NetlinkNative
{
    public const int AddressFamilyNetlink = 16;
    public const int SocketRawCloseOnExec = 3 | 0x80000;
    public const int SolSocket = 1;
    public const int SoSendBufferForce = 32;
    public const int SoReceiveBufferForce = 33;
    public const int SoReceiveTimeout = 20;
    public const int SolNetlink = 270;
    public const int NetlinkCapAck = 10;
    public const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, byte[] address, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetOption(int fd, int level, int name, byte[] value, int length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte[] buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte[] buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNamespace(int fd, int type);
}
