using Microsoft.Win32.SafeHandles;

namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>
/// A NETLINK_NETFILTER socket, opened in the host's or in a named network namespace (<c>/var/run/netns/NAME</c>,
/// as <c>ip netns</c> makes them): the socket belongs to the namespace it was created in, so only its creation runs
/// on a short-lived thread that enters the namespace. The descriptor is closed by <see cref="Dispose"/> or, for a
/// socket kept for a process's life, by the finalizer.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private readonly Descriptor descriptor;
    private readonly int fd;
    private readonly byte[] replies = new byte[64 * 1024];

    private NetlinkSocket(int fd)
    {
        descriptor = new Descriptor(fd);
        this.fd = fd;
    }

    /// <summary>Opens the socket; <see cref="NetlinkUnavailableException"/> when the kernel has no nfnetlink.</summary>
    public static NetlinkSocket Open(string? networkNamespace)
    {
        if (networkNamespace is null)
        {
            return Create();
        }

        NetlinkSocket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                socket = CreateIn(networkNamespace);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? socket! : throw failure;
    }

    /// <summary>Sends one datagram (a whole batch: the kernel reads a transaction from one message).</summary>
    public void Send(byte[] buffer, int length)
    {
        if (length > 200_000)
        {
            // The kernel takes a datagram only up to the socket's send buffer (the default is ~200 KiB).
            Option(NetlinkNative.SolSocket, NetlinkNative.SoSendBufferForce, BitConverter.GetBytes(length + 4096));
        }

        var sent = NetlinkNative.Send(fd, buffer, length, 0);
        if (sent != length)
        {
            throw new IOException($"netlink send of {length} bytes failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>Reads the next datagram of replies; calls <paramref name="reply"/> with (sequence, error) of each message.</summary>
    public void Receive(Action<uint, int> reply)
    {
        var length = (int)NetlinkNative.Receive(fd, replies, replies.Length, 0);
        if (length < 0)
        {
            throw new IOException($"netlink receive failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        var offset = 0;
        while (offset + 16 <= length)
        {
            var messageLength = BitConverter.ToInt32(replies, offset);
            var type = BitConverter.ToUInt16(replies, offset + 4);
            var sequence = BitConverter.ToUInt32(replies, offset + 8);
            if (messageLength < 16)
            {
                break;
            }

            if (type == NfTables.MessageError)
            {
                reply(sequence, -BitConverter.ToInt32(replies, offset + 16));
            }

            offset += (messageLength + 3) & ~3;
        }
    }

    public void Dispose() => descriptor.Dispose();

    private static NetlinkSocket CreateIn(string name)
    {
        using var target = File.OpenHandle(Path.Combine("/var/run/netns", name));
        if (NetlinkNative.SetNamespace((int)target.DangerousGetHandle(), NetlinkNative.CloneNewNet) != 0)
        {
            throw new IOException($"entering network namespace {name} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        // This thread ends right after: it is never used in the host's namespace again.
        return Create();
    }

    private static NetlinkSocket Create()
    {
        var fd = NetlinkNative.Socket(NetlinkNative.AddressFamilyNetlink, NetlinkNative.SocketRawCloseOnExec, NfTables.NetlinkNetfilter);
        if (fd < 0)
        {
            throw new NetlinkUnavailableException($"no NETLINK_NETFILTER socket: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        var socket = new NetlinkSocket(fd);
        try
        {
            // Acknowledgements and errors without a copy of the request.
            socket.Option(NetlinkNative.SolNetlink, NetlinkNative.NetlinkCapAck, BitConverter.GetBytes(1));
            // Room for the error replies of a big batch (best effort: needs CAP_NET_ADMIN, which writing rules needs anyway).
            var receiveBuffer = BitConverter.GetBytes(4 * 1024 * 1024);
            _ = NetlinkNative.SetOption(fd, NetlinkNative.SolSocket, NetlinkNative.SoReceiveBufferForce, receiveBuffer, receiveBuffer.Length);
            var timeout = new byte[16];
            BitConverter.GetBytes((long)ReplyTimeout.TotalSeconds).CopyTo(timeout, 0);
            socket.Option(NetlinkNative.SolSocket, NetlinkNative.SoReceiveTimeout, timeout);
            var address = new byte[12];
            BitConverter.GetBytes((ushort)NetlinkNative.AddressFamilyNetlink).CopyTo(address, 0);
            if (NetlinkNative.Bind(fd, address, address.Length) != 0)
            {
                throw new NetlinkUnavailableException($"binding the NETLINK_NETFILTER socket failed: {Marshal.GetLastPInvokeErrorMessage()}");
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class Descriptor : SafeHandleMinusOneIsInvalid
    {
        public Descriptor(int fd)
            : base(ownsHandle: true) => SetHandle(fd);

        protected override bool ReleaseHandle() => NetlinkNative.Close((int)handle) == 0;
    }

    private void Option(int level, int name, byte[] value)
    {
        if (NetlinkNative.SetOption(fd, level, name, value, value.Length) != 0)
        {
            throw new IOException($"netlink setsockopt({level}, {name}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }
}
