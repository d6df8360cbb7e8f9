using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Dns.Server.Batching;

namespace Orchestrator.Bench.Dns;

/// <summary>
/// Closed-loop UDP load from one thread: <c>clients</c> connected non-blocking sockets, one query outstanding
/// on each, poll(2) for the answers; an answer is timed and checked like <see cref="LoadClient"/>'s, then that
/// socket sends its next query; one without an answer after 1 s counts as lost and moves on. Costs a few µs
/// of CPU per query where the async client costs 5-10 (thread-pool hops), leaving more of the cores to the
/// server measured. Linux only.
/// </summary>
internal sealed class PollClient(string[] names, int clients, TimeSpan duration) : ILoadClient
{
    private readonly byte[][] _queries = [.. names.Select((n, i) => LoadClient.Query(n, (ushort)i))];

    public Process? LastProcess => null;

    public Task<LoadResult> RunAsync(IPEndPoint server, TimeSpan? runFor) =>
        Task.Factory.StartNew(() => Run(server, runFor ?? duration), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private unsafe LoadResult Run(IPEndPoint server, TimeSpan runFor)
    {
        var sockets = new Socket[clients];
        var polls = new LinuxSockets.PollFd[clients];
        var next = new int[clients];
        var sentAt = new long[clients];
        var latencies = new List<long>(1 << 20);
        var buffer = new byte[4096];
        long lost = 0, wrong = 0;
        var second = Stopwatch.Frequency;
        var until = Stopwatch.GetTimestamp() + (long)(runFor.TotalSeconds * second);
        try
        {
            for (var c = 0; c < clients; c++)
            {
                sockets[c] = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
                sockets[c].Connect(server);
                polls[c] = new LinuxSockets.PollFd { Fd = (int)sockets[c].Handle, Events = LinuxSockets.PollIn };
                next[c] = c;
                Send(c);
            }

            while (Stopwatch.GetTimestamp() < until)
            {
                fixed (LinuxSockets.PollFd* p = polls)
                {
                    LinuxSockets.Poll(p, (nuint)clients, 100);
                }

                var now = Stopwatch.GetTimestamp();
                for (var c = 0; c < clients; c++)
                {
                    if ((polls[c].ReturnedEvents & LinuxSockets.PollIn) != 0)
                    {
                        Drain(c);
                    }
                    else if (now - sentAt[c] > second)
                    {
                        lost++;
                        next[c] += clients;
                        Send(c);
                    }
                }
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }
        }

        return LoadResult.From(latencies, runFor.TotalSeconds, lost, wrong);

        void Send(int c)
        {
            sentAt[c] = Stopwatch.GetTimestamp();
            sockets[c].Send(_queries[next[c] % _queries.Length], SocketFlags.None, out _);
        }

        void Drain(int c)
        {
            while (true)
            {
                var received = sockets[c].Receive(buffer, SocketFlags.None, out var error);
                if (error != SocketError.Success)
                {
                    return;
                }

                var now = Stopwatch.GetTimestamp();
                var query = _queries[next[c] % _queries.Length];
                if (!LoadResult.Answers(buffer, received, query))
                {
                    continue; // a late answer to a query already counted as lost
                }

                latencies.Add((now - sentAt[c]) * 1_000_000 / second);
                if (!LoadResult.IsRight(buffer))
                {
                    wrong++;
                }

                next[c] += clients;
                Send(c);
            }
        }
    }
}
