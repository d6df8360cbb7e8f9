namespace Orchestrator.Dns.Server;

/// <summary>
/// Sends questions outside the zone to the node's upstream resolvers, in order: over UDP, again over
/// TCP when the UDP answer is truncated; over TCP at once for a client that asked over TCP. An
/// upstream that does not answer within the timeout, or answers with another ID, counts as failed and
/// the next is tried; null when all failed (the caller answers SERVFAIL).
/// </summary>
internal sealed class UpstreamForwarder(IReadOnlyList<IPEndPoint> upstreams, TimeSpan timeout)
{
    public IReadOnlyList<IPEndPoint> Upstreams { get; } = upstreams;

    /// <summary>
    /// The upstreams that are not this server itself: not its listen endpoint, and on its port not a
    /// loopback, wildcard-bound or own address (a resolv.conf pointing at the node's own DNS would loop).
    /// </summary>
    public static IReadOnlyList<IPEndPoint> WithoutSelf(IEnumerable<IPEndPoint> upstreams, IPEndPoint listen, IEnumerable<IPAddress> own)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var ownAddresses = own.ToHashSet();
        return [.. upstreams.Where(u => u.Port != listen.Port
            || !(u.Address.Equals(listen.Address) || IPAddress.IsLoopback(u.Address) || ownAddresses.Contains(u.Address) || u.Address.Equals(IPAddress.Any)))];
    }

    public async Task<byte[]?> ForwardAsync(ReadOnlyMemory<byte> query, bool tcp, CancellationToken ct)
    {
        if (query.Length < DnsQuery.HeaderLength)
        {
            return null;
        }

        foreach (var upstream in Upstreams)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(timeout);
            try
            {
                var answer = tcp ? null : await UdpAsync(upstream, query, attempt.Token);
                if (answer is null || (answer[2] & (DnsPacket.FlagTruncated >> 8)) != 0)
                {
                    answer = await TcpAsync(upstream, query, attempt.Token);
                }

                return answer;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or EndOfStreamException && !ct.IsCancellationRequested)
            {
                // This upstream failed; try the next.
            }
        }

        return null;
    }

    private static async Task<byte[]?> UdpAsync(IPEndPoint upstream, ReadOnlyMemory<byte> query, CancellationToken ct)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(upstream, ct);
        await socket.SendAsync(query, SocketFlags.None, ct);
        var buffer = new byte[DnsMessageWriter.MaxMessage];
        var id = BinaryPrimitives.ReadUInt16BigEndian(query.Span);
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (received >= DnsQuery.HeaderLength && BinaryPrimitives.ReadUInt16BigEndian(buffer) == id && (buffer[2] & 0x80) != 0)
            {
                return buffer.AsSpan(0, received).ToArray();
            }
        }
    }

    private static async Task<byte[]> TcpAsync(IPEndPoint upstream, ReadOnlyMemory<byte> query, CancellationToken ct)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(upstream, ct);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var prefix = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)query.Length);
        await stream.WriteAsync(prefix, ct);
        await stream.WriteAsync(query, ct);
        await stream.ReadExactlyAsync(prefix, ct);
        var answer = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(answer, ct);
        return answer;
    }
}
