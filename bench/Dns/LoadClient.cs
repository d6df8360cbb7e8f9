using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Bench.Dns;

/// <summary>
/// Closed-loop UDP load: each client sends one A query (cycling over the names), waits for its answer
/// (or 1 s), then sends the next. Latency is measured per query; an answer with NOERROR and one A
/// record is right, anything else is wrong.
/// </summary>
internal sealed class LoadClient(string[] names, int clients, TimeSpan duration) : ILoadClient
{
    private readonly byte[][] _queries = [.. names.Select((n, i) => Query(n, (ushort)i))];

    public Process? LastProcess => null;

    public static byte[] Query(string name, ushort id)
    {
        var packet = new List<byte> { (byte)(id >> 8), (byte)id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            packet.Add((byte)label.Length);
            packet.AddRange(Encoding.ASCII.GetBytes(label));
        }

        packet.AddRange([0, 0, 1, 0, 1]);
        return [.. packet];
    }

    public async Task<LoadResult> RunAsync(IPEndPoint server, TimeSpan? runFor)
    {
        var until = Stopwatch.GetTimestamp() + (long)((runFor ?? duration).TotalSeconds * Stopwatch.Frequency);
        var runs = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(server, c, until))));
        return LoadResult.From(runs.SelectMany(r => r.Latencies), (runFor ?? duration).TotalSeconds, runs.Sum(r => r.Lost), runs.Sum(r => r.Wrong));
    }

    private async Task<(List<long> Latencies, long Lost, long Wrong)> ClientAsync(IPEndPoint server, int client, long until)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        var buffer = new byte[4096];
        var latencies = new List<long>(1 << 16);
        long lost = 0, wrong = 0;
        for (var i = client; Stopwatch.GetTimestamp() < until; i += clients)
        {
            var query = _queries[i % _queries.Length];
            var start = Stopwatch.GetTimestamp();
            await socket.SendAsync(query, SocketFlags.None);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                int received;
                do
                {
                    received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                }
                while (!LoadResult.Answers(buffer, received, query));

                latencies.Add((Stopwatch.GetTimestamp() - start) * 1_000_000 / Stopwatch.Frequency);
                if (!LoadResult.IsRight(buffer))
                {
                    wrong++;
                }
            }
            catch (OperationCanceledException)
            {
                lost++;
            }
        }

        return (latencies, lost, wrong);
    }
}
