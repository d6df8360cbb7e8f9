using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Dns.Records;
using Orchestrator.Dns.Server;
using Orchestrator.Dns.Server.Batching;
using Orchestrator.Dns.Tests.Wire;
using Orchestrator.Dns.Wire;

namespace Orchestrator.Dns.Tests.Server.Batching;

/// <summary>
/// The recvmmsg/sendmmsg path over a real loopback socket: datagrams are queued before <see cref="UdpBatch.Receive"/>
/// (loopback delivers within the sender's call), so one call takes them all and the batch is deterministic.
/// </summary>
public sealed class UdpBatchTests : IDisposable
{
    private readonly DnsResponder _responder = new(new DnsRecords("cluster.local", 30, 7, ServiceRecords.Compute(
        "cluster.local", [TestObjects.ClusterIp("default", "web", "10.96.0.20"), TestObjects.ClusterIp("default", "api", "10.96.0.21")], [])));

    private readonly Socket _server = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
    private readonly UdpBatch _batch = new();

    public UdpBatchTests()
    {
        _server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _client.Connect(_server.LocalEndPoint!);
    }

    [BatchingFact]
    public async Task OneBatchAnswersEachQueryToItsSenderAndForwardsTheRest()
    {
        var twoQuestions = TestQuery.Build("web.default.svc.cluster.local", DnsType.A, id: 2);
        BinaryPrimitives.WriteUInt16BigEndian(twoQuestions.AsSpan(4), 2);
        var outside = TestQuery.Build("www.example.test", DnsType.A, id: 4);
        byte[][] datagrams =
        [
            TestQuery.Build("web.default.svc.cluster.local", DnsType.A, id: 1),
            twoQuestions, // malformed: FORMERR
            [0x12, 0x34, 0x01], // shorter than a header: dropped
            outside,
            TestQuery.Build("api.default.svc.cluster.local", DnsType.A, id: 5),
        ];
        foreach (var datagram in datagrams)
        {
            _client.Send(datagram);
        }

        Assert.Equal(5, await ReceiveAsync());
        var forwards = new List<(byte[] Query, SocketAddress Client)>();
        DnsServer.AnswerBatch(_batch, _responder, (query, client) => forwards.Add((query, client)));
        Assert.Equal(3, _batch.ReplyCount);
        Assert.True(_batch.SendReplies((int)_server.Handle, out var errno), $"errno {errno}");

        var answers = Enumerable.Range(0, 3).Select(_ => ReceiveAnswer()).ToDictionary(a => BinaryPrimitives.ReadUInt16BigEndian(a));
        Assert.Equal(new ushort[] { 1, 2, 5 }, answers.Keys.Order());
        Assert.Equal(new byte[] { 10, 96, 0, 20 }, answers[1][^4..]);
        Assert.Equal((int)DnsRcode.FormatError, TestQuery.Flags(answers[2]) & 0xF);
        Assert.Equal(new byte[] { 10, 96, 0, 21 }, answers[5][^4..]);
        var (forwarded, sender) = Assert.Single(forwards);
        Assert.Equal(outside, forwarded);
        Assert.Equal(_client.LocalEndPoint, new IPEndPoint(IPAddress.Any, 0).Create(sender));
    }

    [BatchingFact]
    public async Task CachedAnswersInABatchAllocateNothing()
    {
        var queries = Enumerable.Range(0, UdpBatch.Capacity).Select(i => TestQuery.Build(i % 2 == 0 ? "web.default.svc.cluster.local" : "api.default.svc.cluster.local", DnsType.A, id: (ushort)i)).ToArray();
        Action<byte[], SocketAddress> forward = (_, _) => Assert.Fail("nothing is forwarded");
        await AnswerAllAsync(queries, forward); // fills the answer cache and JIT-compiles the path

        foreach (var query in queries)
        {
            _client.Send(query);
        }

        Assert.Equal(UdpBatch.Capacity, await ReceiveAsync());
        var before = GC.GetAllocatedBytesForCurrentThread();
        DnsServer.AnswerBatch(_batch, _responder, forward);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(UdpBatch.Capacity, _batch.ReplyCount);
    }

    [Fact]
    public void SlotsBeyondTheReceivedDatagramsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _batch.Reply(0, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => _batch.Datagram(0));
    }

    public void Dispose()
    {
        _batch.Dispose();
        _server.Dispose();
        _client.Dispose();
    }

    private async Task AnswerAllAsync(byte[][] queries, Action<byte[], SocketAddress> forward)
    {
        foreach (var query in queries)
        {
            _client.Send(query);
        }

        Assert.Equal(queries.Length, await ReceiveAsync());
        DnsServer.AnswerBatch(_batch, _responder, forward);
        Assert.True(_batch.SendReplies((int)_server.Handle, out _));
        for (var i = 0; i < queries.Length; i++)
        {
            ReceiveAnswer();
        }
    }

    /// <summary>recvmmsg off the test thread, bounded: a bug that leaves nothing queued must fail, not hang.</summary>
    private Task<int> ReceiveAsync() =>
        Task.Factory.StartNew(() => _batch.Receive((int)_server.Handle, out _), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(TimeSpan.FromSeconds(5));

    private byte[] ReceiveAnswer()
    {
        var buffer = new byte[4096];
        return buffer[.._client.Receive(buffer)];
    }
}
