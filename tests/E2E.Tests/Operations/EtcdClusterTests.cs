using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Operations;

/// <summary>
/// Two API servers on one three-member etcd, driven with real kubectl: what one writes the other
/// reads and watches, and both keep serving while the etcd leader is killed.
/// </summary>
public sealed class EtcdClusterTests(EtcdClusterFixture fixture) : IClassFixture<EtcdClusterFixture>
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Kubectl_create_get_and_delete_through_either_server()
    {
        using var first = new Kubectl("1.33", fixture.First.Kubeconfig);
        using var second = new Kubectl("1.33", fixture.Second.Kubeconfig);

        await Ok(first, "create", "configmap", "from-first", "--from-literal=greeting=hello");
        var read = await Ok(second, "get", "configmap", "from-first", "-o", "jsonpath={.data.greeting}");
        Assert.Equal("hello", read.Stdout);

        await Ok(second, "create", "configmap", "from-second", "--from-literal=greeting=hi");
        var listed = await Ok(first, "get", "configmaps", "-o", "name");
        Assert.Contains("configmap/from-second", listed.Stdout, StringComparison.Ordinal);

        var again = await second.RunAsync("create", "configmap", "from-first", "--from-literal=greeting=other");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("configmaps \"from-first\" already exists", again.Stderr, StringComparison.Ordinal);

        await Ok(second, "delete", "configmap", "from-first");
        var gone = await first.RunAsync("get", "configmap", "from-first");
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal("Error from server (NotFound): configmaps \"from-first\" not found\n", gone.Stderr);
    }

    [Fact]
    public async Task A_watch_on_one_server_sees_writes_made_through_the_other()
    {
        using var first = new Kubectl("1.33", fixture.First.Kubeconfig);
        using var second = new Kubectl("1.33", fixture.Second.Kubeconfig);
        await Ok(first, "create", "namespace", "watched");

        using var watch = second.Start("get", "configmaps", "-n", "watched", "-w", "--output-watch-events", "-o", "custom-columns=EVENT:.type,NAME:.object.metadata.name,VALUE:.object.data.v");
        await Ok(first, "create", "configmap", "seen", "-n", "watched", "--from-literal=v=one");
        Assert.Matches(@"^ADDED\s+seen\s+one$", await NextEventAsync(watch));
        await Ok(first, "patch", "configmap", "seen", "-n", "watched", "-p", """{"data":{"v":"two"}}""");
        Assert.Matches(@"^MODIFIED\s+seen\s+two$", await NextEventAsync(watch));
        await Ok(first, "delete", "configmap", "seen", "-n", "watched");
        Assert.Matches(@"^DELETED\s+seen\s+two$", await NextEventAsync(watch));
    }

    [Fact]
    public async Task Both_servers_keep_writing_after_the_etcd_leader_is_killed()
    {
        using var first = new Kubectl("1.33", fixture.First.Kubeconfig);
        using var second = new Kubectl("1.33", fixture.Second.Kubeconfig);
        var leader = await fixture.Etcd.FindLeaderAsync();
        await fixture.Etcd.KillAsync(leader);
        try
        {
            await Ok(first, "create", "configmap", "after-kill-1", "--from-literal=v=1");
            await Ok(second, "create", "configmap", "after-kill-2", "--from-literal=v=2");
            var both = await Ok(first, "get", "configmaps", "after-kill-1", "after-kill-2", "-o", "name");
            Assert.Equal("configmap/after-kill-1\nconfigmap/after-kill-2\n", both.Stdout);
            Assert.NotEqual(leader, await fixture.Etcd.FindLeaderAsync());
        }
        finally
        {
            await fixture.Etcd.RestartAsync(leader);
        }
    }

    /// <summary>The next event line; kubectl prints the column header with the first one (an empty list prints nothing).</summary>
    private static async Task<string?> NextEventAsync(StreamingKubectl watch)
    {
        var line = await watch.ReadLineAsync(LineTimeout);
        return line is not null && line.StartsWith("EVENT", StringComparison.Ordinal) ? await watch.ReadLineAsync(LineTimeout) : line;
    }

    private static async Task<KubectlResult> Ok(Kubectl kubectl, params string[] args)
    {
        var result = await kubectl.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
