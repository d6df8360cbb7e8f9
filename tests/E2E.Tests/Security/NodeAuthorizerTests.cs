using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Security;

/// <summary>
/// A kubelet's identity against a real `up --authorization-mode Node,RBAC`: it reads what its own pods
/// need and nothing else (Node authorizer), and writes only its own objects (NodeRestriction admission);
/// refusals are 403 with upstream's messages.
/// </summary>
public sealed class NodeAuthorizerTests(NodeAuthorizerFixture cluster) : IClassFixture<NodeAuthorizerFixture>
{
    private const string User = "User \"system:node:node-a\"";

    [Fact]
    public async Task A_node_reads_the_secret_of_its_own_pod_and_is_refused_another_nodes_and_the_list_of_all()
    {
        // The graph follows the pods' watch: the first read may come before pod-a reached it.
        KubectlResult? own = null;
        await Eventually.TrueAsync(async () => (own = await cluster.NodeA.RunAsync("get", "secret", "secret-a", "-o", "jsonpath={.data.key}")).ExitCode == 0,
            "node-a can read secret-a", TimeSpan.FromSeconds(20), () => Task.FromResult(own?.ToString() ?? ""));
        Assert.Equal("YQ==", own!.Stdout);

        var other = await cluster.NodeA.RunAsync("get", "secret", "secret-b");
        AssertForbidden(other, $"Error from server (Forbidden): secrets \"secret-b\" is forbidden: {User} cannot get resource \"secrets\" in API group \"\" in the namespace \"default\": no relationship found between node 'node-a' and this object");

        var all = await cluster.NodeA.RunAsync("get", "secrets");
        AssertForbidden(all, $"Error from server (Forbidden): secrets is forbidden: {User} cannot list resource \"secrets\" in API group \"\" in the namespace \"default\": No Object name found");

        var byName = await cluster.NodeA.RunAsync("get", "secrets", "--field-selector", "metadata.name=secret-a", "-o", "name");
        Assert.True(byName.ExitCode == 0, byName.ToString());
        Assert.Equal("secret/secret-a", byName.Stdout.Trim());
    }

    [Fact]
    public async Task A_node_lists_only_the_pods_bound_to_it()
    {
        var all = await cluster.NodeA.RunAsync("get", "pods", "-A");
        AssertForbidden(all, $"Error from server (Forbidden): pods is forbidden: {User} cannot list resource \"pods\" in API group \"\" at the cluster scope: can only list/watch pods with spec.nodeName field selector");

        KubectlResult? own = null;
        await Eventually.TrueAsync(async () => (own = await cluster.NodeA.RunAsync("get", "pods", "-A", "--field-selector", "spec.nodeName=node-a", "-o", "name")).ExitCode == 0 && own.Stdout.Contains("pod-a", StringComparison.Ordinal),
            "node-a lists its pods", TimeSpan.FromSeconds(20), () => Task.FromResult(own?.ToString() ?? ""));
        Assert.DoesNotContain("pod-b", own!.Stdout, StringComparison.Ordinal);
        var other = await cluster.NodeA.RunAsync("get", "pod", "pod-b");
        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains("no relationship found between node 'node-a' and this object", other.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_cannot_patch_another_nodes_status_nor_give_itself_a_restricted_label()
    {
        // A kubelet patches its status without reading it first (kubectl would GET nodes/status, which nodes may not).
        using var patch = new StringContent("""{"status":{"conditions":[{"type":"Ready","status":"False","reason":"Spoofed"}]}}""", Encoding.UTF8, "application/merge-patch+json");
        using var status = await cluster.NodeAHttp.PatchAsync("/api/v1/nodes/node-b/status", patch);
        var answer = JsonNode.Parse(await status.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        Assert.Equal("nodes \"node-b\" is forbidden: node \"node-a\" is not allowed to modify node \"node-b\"", (string?)answer["message"]);
        Assert.Equal("Forbidden", (string?)answer["reason"]);

        var label = await cluster.NodeA.RunAsync("label", "node", "node-a", "node-restriction.kubernetes.io/x=y");
        AssertForbidden(label, "Error from server (Forbidden): nodes \"node-a\" is forbidden: is not allowed to modify labels: node-restriction.kubernetes.io/x");

        var allowed = await cluster.NodeA.RunAsync("label", "node", "node-a", "team=blue");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        var labels = await cluster.Admin.RunAsync("get", "node", "node-a", "-o", "jsonpath={.metadata.labels}");
        Assert.Contains("\"team\":\"blue\"", labels.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("node-restriction", labels.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_creates_a_token_for_its_pods_service_account_bound_to_that_pod_only()
    {
        var podA = await cluster.PodUidAsync("pod-a");
        KubectlResult? token = null;
        await Eventually.TrueAsync(async () => (token = await cluster.NodeA.RunAsync("create", "token", "sa-a", "--bound-object-kind", "Pod", "--bound-object-name", "pod-a", "--bound-object-uid", podA)).ExitCode == 0,
            "node-a gets a token for sa-a bound to pod-a", TimeSpan.FromSeconds(20), () => Task.FromResult(token?.ToString() ?? ""));
        Assert.StartsWith("eyJ", token!.Stdout, StringComparison.Ordinal);

        var unbound = await cluster.NodeA.RunAsync("create", "token", "sa-a");
        AssertForbidden(unbound, "error: failed to create token: serviceaccounts \"sa-a\" is forbidden: node requested token not bound to a pod");

        var other = await cluster.NodeA.RunAsync("create", "token", "sa-b", "--bound-object-kind", "Pod", "--bound-object-name", "pod-b", "--bound-object-uid", await cluster.PodUidAsync("pod-b"));
        AssertForbidden(other, $"error: failed to create token: serviceaccounts \"sa-b\" is forbidden: {User} cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace \"default\": no relationship found between node 'node-a' and this object");
    }

    /// <summary>kubectl failed and printed the server's refusal (its 403's message, as kubectl words it).</summary>
    private static void AssertForbidden(KubectlResult result, string message) =>
        Assert.True(result.ExitCode != 0 && result.Stderr.Contains(message, StringComparison.Ordinal), $"expected a 403 saying: {message}\n{result}");
}
