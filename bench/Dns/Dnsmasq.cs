using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Bench.Dns;

/// <summary>Debian's dnsmasq serving a hosts file on 127.0.0.1 at a free port; killed (by its PID) on dispose.</summary>
internal sealed class Dnsmasq : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private Dnsmasq(Process process, string dir, IPEndPoint endpoint)
    {
        _process = process;
        _dir = dir;
        EndPoint = endpoint;
    }

    public IPEndPoint EndPoint { get; }

    public Process Process => _process;

    /// <summary>Starts dnsmasq and waits until it answers <paramref name="probeName"/> (one of the hosts).</summary>
    public static Dnsmasq Start(IEnumerable<string> hostLines, string probeName)
    {
        var dir = Directory.CreateTempSubdirectory("orc-dnsmasq-").FullName;
        var hosts = Path.Combine(dir, "hosts");
        File.WriteAllLines(hosts, hostLines);
        var port = FreePort();
        var info = new ProcessStartInfo("dnsmasq")
        {
            ArgumentList = { "--no-daemon", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--listen-address", "127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--addn-hosts", hosts, "--pid-file=" + Path.Combine(dir, "pid"), "--user=root", "--cache-size=10000" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dnsmasq did not start");
        var dnsmasq = new Dnsmasq(process, dir, new IPEndPoint(IPAddress.Loopback, port));
        try
        {
            WaitUntilAnswering(dnsmasq.EndPoint, process, probeName);
            return dnsmasq;
        }
        catch
        {
            dnsmasq.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A port free for UDP and TCP (dnsmasq binds both; a port free for UDP alone failed it with EADDRINUSE).</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // taken for TCP: another
            }
        }
    }

    private static void WaitUntilAnswering(IPEndPoint endpoint, Process process, string probeName)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 100 };
        socket.Connect(endpoint);
        var query = LoadClient.Query(probeName, 1);
        var buffer = new byte[512];
        // By time, not by tries: before dnsmasq binds, each try fails at once (port unreachable).
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !process.HasExited)
        {
            try
            {
                socket.Send(query);
                if (socket.Receive(buffer) > 0)
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // not yet listening
                Thread.Sleep(20);
            }
        }

        throw new InvalidOperationException("dnsmasq does not answer: " + (process.HasExited ? process.StandardError.ReadToEnd() : "still starting"));
    }
}
