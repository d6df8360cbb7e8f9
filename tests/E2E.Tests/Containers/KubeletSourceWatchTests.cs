using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// The real kubelet process reads secrets and configMaps as the Node authorizer allows: each one a
/// pod uses, listed and watched alone in its namespace by name (seen in the API server's audit log,
/// as the node's identity), and no longer once the pod is gone.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class KubeletSourceWatchTests(ContainerdCluster cluster)
{
    [Fact]
    public async Task The_kubelet_lists_and_watches_secrets_and_configMaps_only_by_name_and_stops_when_the_pod_goes()
    {
        var ns = await cluster.NamespaceAsync("bynames");
        await cluster.Apply(ns, $$"""
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            stringData: {k: s-1}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: env}
            data: {k: c-1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: user}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{Manifests.Image}}
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
                env:
                - name: VALUE
                  valueFrom:
                    configMapKeyRef: {name: env, key: k}
                volumeMounts: [{name: creds, mountPath: /creds}]
              volumes:
              - name: creds
                secret: {secretName: creds}
            """);
        await cluster.PodAsync(ns, "user", ContainerdCluster.IsRunning, "running");
        using var kubectl = cluster.Kubectl();
        Assert.Equal("s-1", (await cluster.Ok(kubectl, "exec", "user", "-n", ns, "--", "cat", "/creds/k")).Stdout);
        Assert.Equal("c-1\n", (await cluster.Ok(kubectl, "exec", "user", "-n", ns, "--", "sh", "-c", "echo $VALUE")).Stdout);

        await cluster.Ok(kubectl, "patch", "secret", "creds", "-n", ns, "--type", "merge", "-p", """{"stringData":{"k":"s-2"}}""");
        await cluster.Eventually(async () => (await kubectl.RunAsync("exec", "user", "-n", ns, "--", "cat", "/creds/k")).Stdout == "s-2", TimeSpan.FromSeconds(30), "the new secret content in the mounted file");

        await cluster.Client.CoreV1.DeleteNamespacedPodAsync("user", ns);
        await cluster.Eventually(async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 0, TimeSpan.FromSeconds(60), "the pod to be gone");

        // A watch is audited when it ends: the pod's removal ends both.
        await cluster.Eventually(() => Task.FromResult(NodeReads().Count(e => e.Namespace == ns && e.Verb == "watch") >= 2), TimeSpan.FromSeconds(30), "the node's watches of creds and env to end");
        var reads = NodeReads();
        Assert.Contains(reads, e => e is { Verb: "list", Resource: "secrets" } && e.Namespace == ns && e.Uri.Contains("fieldSelector=metadata.name=creds", StringComparison.Ordinal));
        Assert.Contains(reads, e => e is { Verb: "watch", Resource: "configmaps" } && e.Namespace == ns && e.Uri.Contains("fieldSelector=metadata.name=env", StringComparison.Ordinal));
        Assert.All(reads.Where(e => e.Verb is "list" or "watch"), e =>
        {
            Assert.False(string.IsNullOrEmpty(e.Namespace), $"a cluster-wide {e.Verb}: {e.Uri}");
            Assert.Matches(@"[?&]fieldSelector=metadata\.name=[a-z0-9.-]+(&|$)", e.Uri);
        });
    }

    /// <summary>The node's requests on secrets and configMaps, from the audit log so far.</summary>
    private List<(string Verb, string Resource, string? Namespace, string Uri)> NodeReads()
    {
        using var stream = new FileStream(cluster.AuditLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var reads = new List<(string, string, string?, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (!line.EndsWith('}'))
            {
                continue; // being written
            }

            var audit = JsonNode.Parse(line)!;
            var resource = audit["objectRef"]?["resource"]?.GetValue<string>();
            if (audit["user"]?["username"]?.GetValue<string>() == "system:node:" + ContainerdCluster.NodeName && resource is "secrets" or "configmaps")
            {
                reads.Add((audit["verb"]!.GetValue<string>(), resource, audit["objectRef"]?["namespace"]?.GetValue<string>(), Uri.UnescapeDataString(audit["requestURI"]!.GetValue<string>())));
            }
        }

        return reads;
    }
}
