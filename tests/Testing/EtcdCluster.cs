using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Testing;

/// <summary>
/// A throw-away three-member etcd cluster on loopback for fail-over tests and benchmarks: each member
/// has its own free client and peer port and its own directory (data + log) under one temporary
/// directory. Members can be killed with SIGKILL and restarted on the same ports and data; dispose
/// kills every member by PID and deletes the directory, also after a failed start.
/// </summary>
/// <remarks>
/// Raft timing is <see cref="HeartbeatInterval"/> and <see cref="ElectionTimeout"/>: half of etcd's
/// defaults (100 ms / 1 s), so an election after a leader dies takes about a second, while a heartbeat
/// still survives a scheduling hiccup on a loaded two-core test machine without a spurious election.
/// </remarks>
public sealed partial class EtcdCluster : IAsyncDisposable
{
    /// <summary>etcd's --heartbeat-interval for every member.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>etcd's --election-timeout for every member: a follower that hears no leader this long starts an election.</summary>
    public static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(500);

    private const int Size = 3;
    private const int StartAttempts = 5;
    private static readonly TimeSpan LeaderTimeout = TimeSpan.FromSeconds(30);

    private readonly Member[] _members;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private EtcdCluster(string directory, Member[] members)
    {
        Directory = directory;
        _members = members;
    }

    /// <summary>The temporary directory holding each member's data directory and log; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>Every member's client URL, in member order (index 0..2), running or not.</summary>
    public IReadOnlyList<Uri> ClientUrls => _members.Select(m => m.ClientUrl).ToArray();

    /// <summary>Every member's log file, in member order.</summary>
    public IReadOnlyList<string> LogPaths => _members.Select(m => m.LogPath).ToArray();

    /// <summary>The store URL naming all three members, e.g. <c>etcd://127.0.0.1:1,127.0.0.1:2,127.0.0.1:3/registry</c>.</summary>
    public string StoreUrl(string keyPrefix = "") =>
        "etcd://" + string.Join(',', _members.Select(m => m.ClientUrl.Authority)) + keyPrefix;

    /// <summary>Whether member <paramref name="index"/> is running (not killed).</summary>
    public bool IsRunning(int index) => _members[index].Process is { HasExited: false };

    /// <summary>The PID of running member <paramref name="index"/>.</summary>
    public int Pid(int index) => (_members[index].Process ?? throw new InvalidOperationException($"member {index} is not running")).Pid;

    /// <summary>Starts three members and returns once each reports healthy (a leader is elected).</summary>
    /// <exception cref="InvalidOperationException">etcd is not on PATH, a member exits, or the cluster is not healthy within 30 s.</exception>
    public static async Task<EtcdCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        EtcdProcess.Binary();
        for (var attempt = 1; ; attempt++)
        {
            var directory = Path.Combine(Path.GetTempPath(), $"orchestrator-etcd-cluster-{Guid.NewGuid():N}");
            System.IO.Directory.CreateDirectory(directory);
            var members = Enumerable.Range(0, Size).Select(i => new Member(
                $"m{i}",
                new Uri($"http://127.0.0.1:{LoopbackPort.Free()}"),
                new Uri($"http://127.0.0.1:{LoopbackPort.Free()}"),
                Path.Combine(directory, $"m{i}"))).ToArray();
            var cluster = new EtcdCluster(directory, members);
            try
            {
                var initialCluster = string.Join(',', members.Select(m => $"{m.Name}={m.PeerUrl.GetLeftPart(UriPartial.Authority)}"));
                foreach (var member in members)
                {
                    System.IO.Directory.CreateDirectory(member.Directory);
                    member.InitialCluster = initialCluster;
                    member.Process = EtcdProcess.Start(member.ClientUrl, member.Arguments(), member.LogPath);
                }

                await Task.WhenAll(members.Select(m => m.Process!.WaitUntilHealthyAsync(cancellationToken)));
                return cluster;
            }
            catch (EtcdPortTakenException) when (attempt < StartAttempts)
            {
                // Another process took a port between our probe and etcd's bind: try fresh ports.
                await cluster.DisposeAsync();
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// The index of the current leader, as the running members report it (maintenance Status); waits
    /// while an election is under way or the members disagree.
    /// </summary>
    public async Task<int> FindLeaderAsync(CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var statuses = new List<(int Index, ulong Member, ulong Leader)>();
            for (var i = 0; i < Size; i++)
            {
                if (IsRunning(i) && await StatusAsync(i, cancellationToken) is { } status)
                {
                    statuses.Add((i, status.Member, status.Leader));
                }
            }

            var leaders = statuses.Select(s => s.Leader).Distinct().ToList();
            if (leaders is [var leader] && leader != 0 && statuses.FindIndex(s => s.Member == leader) is var found and >= 0)
            {
                return statuses[found].Index;
            }

            if (deadline.Elapsed > LeaderTimeout)
            {
                throw new InvalidOperationException($"no agreed etcd leader within {LeaderTimeout.TotalSeconds} s; statuses: "
                    + string.Join("; ", statuses.Select(s => $"m{s.Index} id {s.Member:x} leader {s.Leader:x}")));
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>The index of some running member that is not the leader.</summary>
    public async Task<int> FindFollowerAsync(CancellationToken cancellationToken = default)
    {
        var leader = await FindLeaderAsync(cancellationToken);
        return Enumerable.Range(0, Size).First(i => i != leader && IsRunning(i));
    }

    /// <summary>Kills member <paramref name="index"/> with SIGKILL (no graceful leader transfer) and reaps it.</summary>
    public async Task KillAsync(int index)
    {
        var member = _members[index];
        if (member.Process is { } process)
        {
            member.Process = null;
            await process.DisposeAsync();
        }
    }

    /// <summary>Starts a killed member again on its ports and data; returns once it reports healthy.</summary>
    public async Task RestartAsync(int index, CancellationToken cancellationToken = default)
    {
        var member = _members[index];
        if (member.Process is not null)
        {
            throw new InvalidOperationException($"member {index} is running");
        }

        await RestoreAsync(member);
        member.Process = EtcdProcess.Start(member.ClientUrl, member.Arguments(), member.LogPath);
        await member.Process.WaitUntilHealthyAsync(cancellationToken);
    }

    /// <summary>Kills every member and deletes the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            await KillAsync(i);
            await RestoreAsync(_members[i]);
        }

        _http.Dispose();
        EtcdProcess.DeleteDirectory(Directory);
    }

    /// <summary>One member's id and its view of the leader (0: none), from the gRPC gateway's maintenance Status; null when it does not answer.</summary>
    private async Task<(ulong Member, ulong Leader)?> StatusAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync(new Uri(_members[index].ClientUrl, "/v3/maintenance/status"), new JsonObject(), cancellationToken);
            if (!response.IsSuccessStatusCode || await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) is not { } body)
            {
                return null;
            }

            return (Number(body["header"]?["member_id"]), Number(body["leader"]));
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    // The gateway writes uint64 fields as JSON strings.
    private static ulong Number(JsonNode? node) =>
        node is null ? 0 : ulong.Parse(node.ToString(), CultureInfo.InvariantCulture);

    private sealed class Member(string name, Uri clientUrl, Uri peerUrl, string directory)
    {
        public string Name { get; } = name;

        public Uri ClientUrl { get; } = clientUrl;

        public Uri PeerUrl { get; } = peerUrl;

        public string Directory { get; } = directory;

        public string LogPath => Path.Combine(Directory, "etcd.log");

        public string InitialCluster { get; set; } = "";

        public EtcdProcess? Process { get; set; }

        /// <summary>The iptables rules that make this member's ports drop packets, while it is blackholed.</summary>
        public IReadOnlyList<string[]> DropRules { get; set; } = [];

        /// <summary>
        /// The same flags on every start: with a data directory present etcd ignores the initial-cluster
        /// settings and rejoins with the membership it stored.
        /// </summary>
        public IEnumerable<string> Arguments()
        {
            var client = ClientUrl.GetLeftPart(UriPartial.Authority);
            var peer = PeerUrl.GetLeftPart(UriPartial.Authority);
            return [
                "--name", Name,
                "--data-dir", Path.Combine(Directory, "data"),
                "--listen-client-urls", client,
                "--advertise-client-urls", client,
                "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer,
                "--initial-cluster", InitialCluster,
                "--initial-cluster-state", "new",
                "--initial-cluster-token", "orchestrator-test",
                "--heartbeat-interval", ((int)HeartbeatInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                "--election-timeout", ((int)ElectionTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ];
        }
    }
}
