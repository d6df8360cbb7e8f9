using System.Runtime.InteropServices;
using static Orchestrator.Dns.Server.Batching.LinuxSockets;

namespace Orchestrator.Dns.Server.Batching;

/// <summary>
/// One receive loop's batch: <see cref="Capacity"/> datagram slots in native memory, filled by one recvmmsg(2)
/// and answered by one sendmmsg(2), so a loop under load pays two system calls per batch instead of two per
/// query, and no per-query allocation (the answers go back to the senders' addresses as received). Memory is
/// allocated once and touched only as far as datagrams reach (a slot holds the largest message). Not
/// thread-safe: one loop owns a batch. Linux, 64-bit only (<see cref="LinuxSockets.IsSupported"/>).
/// </summary>
internal sealed unsafe class UdpBatch : IDisposable
{
    public const int Capacity = 32;

    private const int ReceiveSlot = DnsMessageWriter.MaxMessage;
    private const int SendSlot = DnsMessageWriter.MaxMessage + 64;
    private const int AddressSlot = 128; // sizeof(struct sockaddr_storage)

    private readonly byte* _receive;
    private readonly byte* _send;
    private readonly byte* _addresses;
    private readonly IoVector* _vectors;
    private readonly MessageHeader* _received;
    private readonly MessageHeader* _replies;
    private int _receivedCount;
    private int _replyCount;
    private bool _disposed;

    public UdpBatch()
    {
        _receive = (byte*)NativeMemory.Alloc((nuint)Capacity * ReceiveSlot);
        _send = (byte*)NativeMemory.Alloc((nuint)Capacity * SendSlot);
        _addresses = (byte*)NativeMemory.AllocZeroed((nuint)Capacity * AddressSlot);
        _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)(2 * Capacity * sizeof(IoVector)));
        _received = (MessageHeader*)NativeMemory.AllocZeroed((nuint)(Capacity * sizeof(MessageHeader)));
        _replies = (MessageHeader*)NativeMemory.AllocZeroed((nuint)(Capacity * sizeof(MessageHeader)));
        for (var i = 0; i < Capacity; i++)
        {
            _vectors[i] = new IoVector { Base = (nint)(_receive + (i * ReceiveSlot)), Length = ReceiveSlot };
            _vectors[Capacity + i] = new IoVector { Base = (nint)(_send + (i * SendSlot)) };
            _received[i].Vectors = (nint)(_vectors + i);
            _received[i].VectorCount = 1;
            _received[i].Name = (nint)(_addresses + (i * AddressSlot));
            _replies[i].Vectors = (nint)(_vectors + Capacity + i);
            _replies[i].VectorCount = 1;
        }
    }

    /// <summary>Datagrams held by the last <see cref="Receive"/>.</summary>
    public int Count => _receivedCount;

    /// <summary>Answers queued by <see cref="Reply"/> since the last <see cref="Receive"/>.</summary>
    public int ReplyCount => _replyCount;

    /// <summary>
    /// Waits until at least one datagram is queued on <paramref name="fd"/>, then takes up to <see cref="Capacity"/>
    /// in one call. Returns the count, 0 when interrupted, or -1 with <paramref name="errno"/> set. A shut-down socket
    /// returns one empty datagram (the caller checks whether it is stopping).
    /// </summary>
    public int Receive(int fd, out int errno)
    {
        errno = 0;
        _receivedCount = 0;
        _replyCount = 0;
        for (var i = 0; i < Capacity; i++)
        {
            _received[i].NameLength = AddressSlot;
            _received[i].Flags = 0;
        }

        var count = ReceiveMessages(fd, _received, Capacity, MsgWaitForOne, 0);
        if (count < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            if (errno == EAgain)
            {
                // The socket is non-blocking (.NET switches a socket on its first async call): wait here instead.
                var poll = new PollFd { Fd = fd, Events = PollIn };
                Poll(&poll, 1, -1);
                errno = 0;
                return 0;
            }

            return errno == EIntr ? 0 : -1;
        }

        _receivedCount = count;
        return count;
    }

    /// <summary>Datagram <paramref name="index"/> (empty when it did not fit a slot: never a query).</summary>
    public ReadOnlySpan<byte> Datagram(int index)
    {
        var header = Header(index);
        return (header.Flags & MsgTrunc) != 0 ? default : new ReadOnlySpan<byte>(_receive + (index * ReceiveSlot), (int)header.Length);
    }

    /// <summary>Where the answer to datagram <paramref name="index"/> is written (<see cref="DnsMessageWriter.MaxMessage"/> + 64 bytes).</summary>
    public Span<byte> Output(int index)
    {
        Header(index);
        return new Span<byte>(_send + (index * SendSlot), SendSlot);
    }

    /// <summary>The sender of datagram <paramref name="index"/>, copied (for an answer sent later, off the batch).</summary>
    public SocketAddress Sender(int index)
    {
        var header = Header(index);
        var raw = new ReadOnlySpan<byte>((void*)header.Name, (int)header.NameLength);
        var family = raw.Length >= 2 && BitConverter.ToUInt16(raw) == 10 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var address = new SocketAddress(family, raw.Length);
        raw.CopyTo(address.Buffer.Span);
        return address;
    }

    /// <summary>Queues the <paramref name="length"/> bytes written to <see cref="Output"/>(<paramref name="index"/>) as the answer to its sender.</summary>
    public void Reply(int index, int length)
    {
        var header = Header(index);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, SendSlot);
        if (_replyCount == Capacity)
        {
            throw new InvalidOperationException("every slot of the batch already has an answer");
        }

        var reply = _replies + _replyCount++;
        reply->Name = header.Name;
        reply->NameLength = header.NameLength;
        reply->Flags = 0;
        ((IoVector*)reply->Vectors)->Base = (nint)(_send + (index * SendSlot));
        ((IoVector*)reply->Vectors)->Length = (nuint)length;
    }

    /// <summary>
    /// Sends the queued answers, as many per call as the socket takes. Returns false with <paramref name="errno"/>
    /// when one could not be sent (that one is skipped: UDP, the client asks again).
    /// </summary>
    public bool SendReplies(int fd, out int errno)
    {
        errno = 0;
        var sent = 0;
        while (sent < _replyCount)
        {
            var count = SendMessages(fd, _replies + sent, (uint)(_replyCount - sent), 0);
            if (count < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error == EIntr)
                {
                    continue;
                }

                if (error == EAgain)
                {
                    var poll = new PollFd { Fd = fd, Events = 0x4 }; // POLLOUT
                    Poll(&poll, 1, 100);
                    continue;
                }

                errno = error;
                count = 1;
            }

            sent += count;
        }

        _replyCount = 0;
        return errno == 0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(_receive);
        NativeMemory.Free(_send);
        NativeMemory.Free(_addresses);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_received);
        NativeMemory.Free(_replies);
    }

    private ref MessageHeader Header(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _receivedCount);
        return ref _received[index];
    }
}
