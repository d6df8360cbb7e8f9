using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests;

/// <summary>The official C# client and Debian's python3-kubernetes against the real server.</summary>
public sealed class ClientLibraryTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private const string DebianPython = "/usr/bin/python3";

    [Fact]
    public async Task The_csharp_client_creates_reads_updates_patches_lists_watches_and_deletes()
    {
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Server.Kubeconfig));
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cs", Labels = new Dictionary<string, string> { ["app"] = "cs" } }, Data = new Dictionary<string, string> { ["a"] = "1" } },
            "default");
        Assert.NotNull(created.Metadata.Uid);

        using var watchCancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            var events = client.CoreV1.WatchListNamespacedConfigMapAsync("default", labelSelector: "app=cs", resourceVersion: created.Metadata.ResourceVersion, cancellationToken: watchCancel.Token);
            await foreach (var (type, item) in events)
            {
                seen.Add((type, item.Data?["a"] ?? ""));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        var read = await client.CoreV1.ReadNamespacedConfigMapAsync("cs", "default");
        read.Data["a"] = "2";
        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "cs", "default");
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"3"}}""", V1Patch.PatchType.MergePatch), "cs", "default");
        var listed = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "app=cs");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("cs", "default");
        await watching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("2", replaced.Data["a"]);
        Assert.Equal("3", patched.Data["a"]);
        Assert.Equal("cs", Assert.Single(listed.Items).Metadata.Name);
        Assert.Equal([(WatchEventType.Modified, "2"), (WatchEventType.Modified, "3"), (WatchEventType.Deleted, "3")], seen);
        var missing = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("cs", "default"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task Debians_python_client_lists_and_watches_pods()
    {
        Assert.True(File.Exists(DebianPython), "Debian's python3 (with python3-kubernetes, installed by scripts/setup.sh) is required");
        var script = """
            import sys
            from kubernetes import client, config, watch
            config.load_kube_config(config_file=sys.argv[1])
            v1 = client.CoreV1Api()
            v1.create_namespaced_pod("default", {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "py-pod", "labels": {"from": "python"}},
                                                 "spec": {"containers": [{"name": "c", "image": "busybox"}]}})
            pods = v1.list_namespaced_pod("default", label_selector="from=python")
            print("listed", [p.metadata.name for p in pods.items])
            w = watch.Watch()
            for event in w.stream(v1.list_namespaced_pod, "default", label_selector="from=python", timeout_seconds=20):
                print("event", event["type"], event["object"].metadata.name, event["object"].status.phase)
                w.stop()
            """;
        var start = new ProcessStartInfo(DebianPython) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(fixture.Server.Kubeconfig);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal("listed ['py-pod']\nevent ADDED py-pod Pending\n", await stdout);
    }
}
