using Microsoft.Extensions.Logging;
using Orchestrator.Dns.Server.Batching;

namespace Orchestrator.Dns.Server;

/// <summary>
/// Serves DNS over UDP and TCP on one endpoint. UDP: several receive loops (threads), each on its own
/// SO_REUSEPORT socket; on Linux each loop takes every queued datagram with one recvmmsg and sends the
/// answers with one sendmmsg (<see cref="UdpBatch"/>, DnsServer.Udp.cs), elsewhere one datagram per call;
/// either way a cached answer is received, copied and sent without allocating. Questions outside the zone
/// go to <see cref="UpstreamForwarder"/> off the loop. TCP: RFC 7766 length-prefixed messages, several per
/// connection, closed after an idle time.
/// </summary>
/// <remarks>
/// Codec choice: the wire format is this project's own (Wire/), not ARSoft.Tools.Net's or Makaretu.Dns's.
/// Both libraries decode every query into an object graph and encode every answer anew (allocation
/// per query), and ARSoft's DnsServer hands each query to an async event; a cluster DNS answers a
/// small set of names over and over, so the hot path here is a parse into a stack buffer, one
/// dictionary probe and a copy of a prebuilt answer. Loop choice (bench/dns.sh, 2 cores shared with the
/// client): async ReceiveFromAsync loops 0.79x dnsmasq's qps; blocking per-datagram threads 0.75x on a quiet
/// machine (the client and server share the cores, and the server spent more CPU per query than dnsmasq's
/// one epoll thread); batched loops spend about half dnsmasq's CPU per query (docs/networking.md).
/// </remarks>
internal sealed partial class DnsServer : IAsyncDisposable
{
    public const int MaxForwardsInFlight = 1024;
    public const int MaxTcpConnections = 256;
    private static readonly TimeSpan TcpIdleTimeout = TimeSpan.FromSeconds(10);

    private readonly DnsResponder _responder;
    private readonly UpstreamForwarder _forwarder;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly List<Thread> _threads = [];
    private readonly List<Socket> _udpSockets = [];
    private Socket? _udp;
    private Socket? _tcp;
    private bool _batching;
    private int _forwards;
    private int _connections;

    public DnsServer(DnsResponder responder, UpstreamForwarder forwarder, ILogger logger)
    {
        _responder = responder;
        _forwarder = forwarder;
        _logger = logger;
    }

    /// <summary>Where the server listens (the port the OS chose when 0 was asked for); null before <see cref="Start"/>.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>
    /// Binds UDP and TCP on <paramref name="endpoint"/> (port 0: one free port for both) and starts serving with
    /// <paramref name="udpReceivers"/> UDP receive threads; <paramref name="batch"/>: each takes and answers a batch
    /// of datagrams per system call where the platform has recvmmsg (<see cref="LinuxSockets.IsSupported"/>),
    /// otherwise (or false) one datagram per call.
    /// </summary>
    public void Start(IPEndPoint endpoint, int udpReceivers, bool batch = true)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        for (var attempt = 0; ; attempt++)
        {
            var udp = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var tcp = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (udpReceivers > 1)
                {
                    ReusePort(udp);
                }

                udp.Bind(endpoint);
                var bound = (IPEndPoint)udp.LocalEndPoint!;
                tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                tcp.Bind(bound);
                tcp.Listen(128);
                (_udp, _tcp, LocalEndPoint) = (udp, tcp, bound);
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && endpoint.Port == 0 && attempt < 20)
            {
                // The port the OS gave UDP is taken for TCP: try another.
                udp.Dispose();
                tcp.Dispose();
            }
            catch
            {
                udp.Dispose();
                tcp.Dispose();
                throw;
            }
        }

        // One socket per receive thread, joined in one SO_REUSEPORT group: the kernel hands each datagram to one
        // socket (by flow hash), so one packet wakes one thread; several threads blocked on one socket would all
        // be woken for every packet.
        _udpSockets.Add(_udp!);
        for (var i = 1; i < Math.Max(1, udpReceivers); i++)
        {
            var extra = new Socket(LocalEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                ReusePort(extra);
                extra.Bind(LocalEndPoint);
                _udpSockets.Add(extra);
            }
            catch (SocketException)
            {
                // Without a reuse-port group the first socket serves alone, with its own thread.
                extra.Dispose();
                break;
            }
        }

        _batching = batch && LinuxSockets.IsSupported;
        foreach (var socket in _udpSockets)
        {
            var thread = new Thread(_batching ? () => BatchReceiveLoop(socket) : () => ReceiveLoop(socket)) { IsBackground = true, Name = "dns-udp-" + _threads.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            thread.Start();
            _threads.Add(thread);
        }

        _loops.Add(Task.Run(() => AcceptLoopAsync(_tcp, _stop.Token)));
        LogListening(_logger, LocalEndPoint, _forwarder.Upstreams.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var socket in _udpSockets)
        {
            if (_batching)
            {
                // Wakes a loop blocked in recvmmsg (disposing alone does not: the loop holds the handle).
                _ = LinuxSockets.Shutdown((int)socket.Handle, LinuxSockets.ShutRead);
            }

            socket.Dispose();
        }

        _udp?.Dispose();
        _tcp?.Dispose();
        await Task.WhenAll(_loops);
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _stop.Dispose();
    }

    /// <summary>SO_REUSEPORT (Linux: SOL_SOCKET 1, option 15), set before bind.</summary>
    private static void ReusePort(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(1, 15, BitConverter.GetBytes(1));
        }
    }

    /// <summary>Forwards off the receive loop; beyond <see cref="MaxForwardsInFlight"/> the query is dropped (the client retries).</summary>
    private void Forward(Socket socket, byte[] query, SocketAddress client, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _forwards) > MaxForwardsInFlight)
        {
            Interlocked.Decrement(ref _forwards);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var answer = await _forwarder.ForwardAsync(query, tcp: false, ct) ?? ServerFailure(query);
                Send(socket, answer, client);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // stopping
            }
            finally
            {
                Interlocked.Decrement(ref _forwards);
            }
        }, CancellationToken.None);
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                LogReceiveFailed(_logger, e.SocketErrorCode);
                continue;
            }

            if (Interlocked.Increment(ref _connections) > MaxTcpConnections)
            {
                Interlocked.Decrement(ref _connections);
                connection.Dispose();
                continue;
            }

            _ = Task.Run(() => ServeConnectionAsync(connection, ct), CancellationToken.None);
        }
    }

    private static byte[] ServerFailure(byte[] query)
    {
        var output = new byte[DnsMessageWriter.MaxMessage + 64];
        return output.AsSpan(0, DnsResponder.ServerFailure(query, output)).ToArray();
    }

    /// <summary>
    /// Sends a forwarded answer synchronously: an async call would switch the socket to non-blocking mode
    /// for good, and the receive loops block in the kernel.
    /// </summary>
    private void Send(Socket socket, byte[] answer, SocketAddress client)
    {
        if (answer.Length == 0)
        {
            return;
        }

        try
        {
            socket.SendTo(answer, SocketFlags.None, client);
        }
        catch (SocketException e)
        {
            LogSendFailed(_logger, e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // stopping
        }
    }

    private static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }
}
