using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using k8s;
using Orchestrator.Client.Processes;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// The <see cref="NetnsCluster"/> whose nodes join as an operator joins a machine (issue 13 §5): the same control plane
/// (<c>up --real-node false --bind-address 0.0.0.0</c>), a token from <c>orchestrator token create</c>, the CA hash from
/// up's join line, and on each node <c>nsenter --net=/run/netns/NODE orchestrator join --server https://LAN:PORT --token T
/// --discovery-token-ca-cert-hash sha256:H --runtime containerd --node-name N --data-dir D</c> (nftables proxy, the
/// cluster CIDR); nothing else is given to the node: no node IP, no certificates, no kubeconfig. The time from starting
/// `join` to the node's Ready condition is measured per node (<see cref="JoinToReady"/>). A node's data directory
/// (its kubeconfig and kubelet root) is removed with the node.
/// </summary>
public sealed partial class JoinCluster() : NetnsCluster(["--proxy-mode", "nftables"])
{
    private static readonly TimeSpan FailedJoinTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, TimeSpan> _joinToReady = new();
    private readonly Lock _credentialsLock = new();
    private Task<(string Token, string CaHash)>? _credentials;

    /// <summary>Per node: from starting `join` to the node's Ready condition seen through the API.</summary>
    public IReadOnlyDictionary<string, TimeSpan> JoinToReady => _joinToReady;

    /// <summary>The token (from `orchestrator token create`) and the CA hash (from up's join line) the nodes joined with.</summary>
    public Task<(string Token, string CaHash)> CredentialsAsync()
    {
        lock (_credentialsLock)
        {
            return _credentials ??= CreateCredentialsAsync();
        }
    }

    /// <summary>`join`'s arguments for <paramref name="nodeName"/> with its data in <paramref name="dataDir"/>.</summary>
    public IReadOnlyList<string> JoinArguments(string nodeName, string dataDir, string token, string caHash) =>
    [
        "join", "--server", LanServer.GetLeftPart(UriPartial.Authority), "--token", token, "--discovery-token-ca-cert-hash", caHash,
        "--runtime", "containerd", "--node-name", nodeName, "--data-dir", dataDir,
        "--cluster-cidr", ClusterCidr.ToString(), "--port", "10250", .. ExtraKubeletArguments,
    ];

    /// <summary>
    /// Runs `join` to its end from <paramref name="ns"/> (a join that is refused; killed after a minute) with
    /// <paramref name="extra"/> appended, in a fresh data directory removed afterwards.
    /// </summary>
    public async Task<HostCommandResult> FailedJoinAsync(NetworkNamespace ns, string nodeName, string token, string caHash, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var dataDir = Directory.CreateTempSubdirectory("orc-nj-refused-").FullName;
        using var timeout = new CancellationTokenSource(FailedJoinTimeout);
        try
        {
            return await HostCommand.RunAsync("nsenter", ["--net=" + ns.Path, .. Orchestrator(), .. JoinArguments(nodeName, dataDir, token, caHash), .. extra], null, timeout.Token);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    protected override NetnsNode CreateNode(string name, NetworkNamespace ns, string address)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"orc-nj-{NetworkNamespace.RandomSuffix()}");
        return new NetnsNode(name, ns, address, Path.Combine(dataDir, "kubelet"), dataDir);
    }

    protected override async Task StartNodeAsync(NetnsNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var (token, caHash) = await CredentialsAsync();
        var started = Stopwatch.StartNew();
        node.Kubelet = await ComponentProcess.StartWrappedAsync(["nsenter", "--net=" + node.Namespace.Path], [.. JoinArguments(node.Name, node.DataDir, token, caHash)]);
        await WaitAsync(async () =>
        {
            var conditions = (await Client.CoreV1.ListNodeAsync(fieldSelector: "metadata.name=" + node.Name)).Items.SingleOrDefault()?.Status?.Conditions;
            return conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        }, $"{node.Name} to join and be Ready", seconds: 90);
        _joinToReady[node.Name] = started.Elapsed;
    }

    private async Task<(string Token, string CaHash)> CreateCredentialsAsync()
    {
        var created = await HostCommand.RunCheckedAsync(Orchestrator()[0], [.. Orchestrator().Skip(1), "token", "create", "--kubeconfig", Server.Kubeconfig, "--description", "JoinCluster"]);
        var token = created.Trim();
        Assert.Matches(TokenPattern(), token);

        // up prints its join line right after the ready line the fixture started on.
        var hash = string.Empty;
        await Eventually.TrueAsync(() => (hash = CaHashInJoinLine().Match(Server.Output).Groups[1].Value).Length > 0, "up's join line", TimeSpan.FromSeconds(10));
        return (token, hash);
    }

    private static string[] Orchestrator() => [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll")];

    [GeneratedRegex(@"^[a-z0-9]{6}\.[a-z0-9]{16}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"--discovery-token-ca-cert-hash (sha256:[0-9a-f]{64})")]
    private static partial Regex CaHashInJoinLine();
}
