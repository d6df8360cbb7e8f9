namespace Orchestrator.Dns.Server;

/// <summary>DNS over TCP (RFC 7766): two-byte length, message; several queries per connection.</summary>
internal sealed partial class DnsServer
{
    private async Task ServeConnectionAsync(Socket connection, CancellationToken ct)
    {
        try
        {
            using var socket = connection;
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var prefix = new byte[2];
            var query = new byte[DnsMessageWriter.MaxMessage];
            var output = new byte[DnsMessageWriter.MaxMessage + 66];
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                idle.CancelAfter(TcpIdleTimeout);
                if (await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, idle.Token) < 2)
                {
                    return;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                await stream.ReadExactlyAsync(query.AsMemory(0, length), idle.Token);
                ReadOnlyMemory<byte> answer;
                switch (_responder.Respond(query.AsSpan(0, length), output.AsSpan(2), tcp: true, out var written))
                {
                    case ResponseKind.Answered:
                        answer = output.AsMemory(2, written);
                        break;
                    case ResponseKind.Forward:
                        answer = await _forwarder.ForwardAsync(query.AsMemory(0, length), tcp: true, ct) ?? ServerFailure(query[..length]);
                        break;
                    default:
                        return;
                }

                if (answer.Length == 0)
                {
                    return;
                }

                BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)answer.Length);
                await stream.WriteAsync(prefix, ct);
                await stream.WriteAsync(answer, ct);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // The client went away, idled out, or the server is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }
}
