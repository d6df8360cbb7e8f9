using System.Runtime.InteropServices;
using Orchestrator.Dns.Server.Batching;

namespace Orchestrator.Dns.Server;

internal sealed partial class DnsServer
{
    /// <summary>
    /// Answers every datagram of <paramref name="batch"/>: cached answers and errors are queued as replies in
    /// the batch; a question for the upstream goes to <paramref name="forward"/> with a copy of the query and
    /// of its sender; a datagram that is no query is dropped.
    /// </summary>
    internal static void AnswerBatch(UdpBatch batch, DnsResponder responder, Action<byte[], SocketAddress> forward)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var datagram = batch.Datagram(i);
            switch (responder.Respond(datagram, batch.Output(i), tcp: false, out var length))
            {
                case ResponseKind.Answered:
                    batch.Reply(i, length);
                    break;
                case ResponseKind.Forward:
                    forward(datagram.ToArray(), batch.Sender(i));
                    break;
            }
        }
    }

    /// <summary>
    /// One receive loop on its own thread, a batch per pass: recvmmsg blocks until a datagram is queued and
    /// takes every one already waiting (up to <see cref="UdpBatch.Capacity"/>), sendmmsg sends all answers.
    /// Under load one wake-up and two system calls serve many queries; idle, it answers one as fast as the
    /// per-datagram loop. Holds a reference on the socket's handle so the descriptor stays valid;
    /// <see cref="DisposeAsync"/> shuts the socket down to wake it.
    /// </summary>
    private void BatchReceiveLoop(Socket socket)
    {
        var ct = _stop.Token;
        using var batch = new UdpBatch();
        SafeHandle handle;
        var added = false;
        try
        {
            handle = socket.SafeHandle;
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            return; // disposed before this thread ran
        }

        try
        {
            var fd = (int)handle.DangerousGetHandle();
            Action<byte[], SocketAddress> forward = (query, client) => Forward(socket, query, client, ct);
            while (!ct.IsCancellationRequested)
            {
                if (batch.Receive(fd, out var errno) < 0)
                {
                    LogReceiveErrno(_logger, errno);
                    continue;
                }

                if (ct.IsCancellationRequested)
                {
                    return;
                }

                AnswerBatch(batch, _responder, forward);
                if (!batch.SendReplies(fd, out errno))
                {
                    LogSendErrno(_logger, errno);
                }
            }
        }
        finally
        {
            handle.DangerousRelease();
        }
    }

    /// <summary>
    /// One receive loop on its own thread, a datagram per pass, blocking in ReceiveFrom: where recvmmsg is
    /// not available (not Linux). On loopback this answers in ~25 µs where ReceiveFromAsync's completion hop
    /// to the thread pool cost ~200 µs at the median (bench/dns.sh). Disposing the socket ends the loop.
    /// </summary>
    private void ReceiveLoop(Socket socket)
    {
        var receive = new byte[Wire.DnsMessageWriter.MaxMessage];
        var send = new byte[Wire.DnsMessageWriter.MaxMessage + 64];
        var client = new SocketAddress(socket.AddressFamily);
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(receive, SocketFlags.None, client);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (ct.IsCancellationRequested)
                {
                    return;
                }

                LogReceiveFailed(_logger, e.SocketErrorCode);
                continue;
            }

            switch (_responder.Respond(receive.AsSpan(0, received), send, tcp: false, out var length))
            {
                case ResponseKind.Answered:
                    try
                    {
                        socket.SendTo(send.AsSpan(0, length), SocketFlags.None, client);
                    }
                    catch (SocketException e)
                    {
                        LogSendFailed(_logger, e.SocketErrorCode);
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }

                    break;
                case ResponseKind.Forward:
                    Forward(socket, receive.AsSpan(0, received).ToArray(), Copy(client), ct);
                    break;
            }
        }
    }
}
