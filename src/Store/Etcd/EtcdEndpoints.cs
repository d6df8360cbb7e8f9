using dotnet_etcd;
using Grpc.Net.Client;

namespace Orchestrator.Store.Etcd;

/// <summary>
/// One gRPC channel per etcd member and the member calls go to: the first at start, the next one
/// after a call to the current one failed in a way worth retrying, as etcd's client moves on to
/// another endpoint. A member that could not be reached (connect failed or timed out, or an attempt
/// got no answer in time) is passed over for <see cref="UnreachableFor"/> unless every member is.
/// </summary>
/// <remarks>
/// Not one channel balancing over all members: its connection to a member whose address went
/// silent stays "ready" until keep-alive pings give up (15 s), so it kept sending every attempt
/// there. Thread-safe: concurrent calls failing on the same member move the store on once.
/// </remarks>
internal sealed class EtcdEndpoints : IDisposable
{
    /// <summary>How long a member that did not answer is skipped while another one may.</summary>
    public static readonly TimeSpan UnreachableFor = TimeSpan.FromSeconds(5);

    private readonly EtcdMember[] _members;
    private readonly long[] _unreachableUntil;
    private readonly TimeProvider _time;
    private int _current;

    public EtcdEndpoints(IReadOnlyList<Uri> endpoints, TimeProvider time)
    {
        EtcdChannel.Validate(endpoints);
        _time = time;
        _members = new EtcdMember[endpoints.Count];
        _unreachableUntil = new long[endpoints.Count];
        for (var i = 0; i < endpoints.Count; i++)
        {
            var channel = EtcdChannel.Create(endpoints[i]);
            var invoker = channel.CreateCallInvoker();
            _members[i] = new EtcdMember(i, endpoints[i], channel, new EtcdClient(invoker), new Watch.WatchClient(invoker));
        }
    }

    /// <summary>How many members there are.</summary>
    public int Count => _members.Length;

    /// <summary>The member new calls go to.</summary>
    public EtcdMember Current => _members[Volatile.Read(ref _current)];

    /// <summary>
    /// A call to <paramref name="member"/> failed; <paramref name="unreachable"/>: it got no answer at
    /// all. Moves on to the next member not recently unreachable, unless another call already moved
    /// off <paramref name="member"/>.
    /// </summary>
    public void Failed(EtcdMember member, bool unreachable)
    {
        var now = _time.GetTimestamp();
        if (unreachable)
        {
            Volatile.Write(ref _unreachableUntil[member.Index], now + (long)(UnreachableFor.TotalSeconds * _time.TimestampFrequency));
        }

        var next = Next(member.Index, now);
        Interlocked.CompareExchange(ref _current, next, member.Index);
    }

    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.Client.Dispose();
            member.Channel.Dispose();
        }
    }

    private int Next(int from, long now)
    {
        for (var step = 1; step <= _members.Length; step++)
        {
            var candidate = (from + step) % _members.Length;
            if (Volatile.Read(ref _unreachableUntil[candidate]) <= now)
            {
                return candidate;
            }
        }

        // Every member failed to answer lately: keep going round.
        return (from + 1) % _members.Length;
    }
}

/// <summary>One etcd member: its endpoint and the clients on its own channel.</summary>
internal sealed record EtcdMember(int Index, Uri Endpoint, GrpcChannel Channel, EtcdClient Client, Watch.WatchClient Watch);
