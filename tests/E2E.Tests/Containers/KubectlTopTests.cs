using System.Globalization;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// <c>kubectl top</c> (1.33 and 1.27) against metrics.k8s.io on a real containerd node: the node's line, and a pod's
/// container CPU that rises from idle to most of a core once the pod starts burning.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class KubectlTopTests(ContainerdCluster cluster)
{
    [Fact]
    public async Task Top_node_and_top_pod_show_usage_that_rises_when_the_pod_burns_cpu()
    {
        var ns = await cluster.NamespaceAsync("top");
        await cluster.Apply(ns, $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: burner
              labels:
                app: burner
            spec:
              terminationGracePeriodSeconds: 0
              containers:
              - name: burn
                image: {{Manifests.Image}}
                command: ["sh", "-c", "while [ ! -f /tmp/go ]; do sleep 1; done; while :; do :; done"]
            """);
        await cluster.PodAsync(ns, "burner", ContainerdCluster.IsRunning, "running");
        using var kubectl = cluster.Kubectl();
        using var old = cluster.Kubectl("1.27");

        foreach (var client in new[] { kubectl, old })
        {
            var node = await EventuallyTopAsync(client, ["top", "node"], ContainerdCluster.NodeName);
            Assert.True(node.Cores > 0, $"node cpu {node.Cores} cores");
            Assert.True(node.Memory > 0, $"node memory {node.Memory} MiB");
        }

        var idle = await EventuallyTopAsync(kubectl, ["top", "pod", "-n", ns, "--containers"], "burner");
        Assert.True(idle.Cores < 0.15, $"the waiting container uses {idle.Cores} cores");

        await cluster.Ok(kubectl, "exec", "-n", ns, "burner", "--", "touch", "/tmp/go");

        // A busy loop takes most of a core once a window covers it: far above the waiting container's.
        foreach (var (client, args) in new[] { (kubectl, new[] { "top", "pod", "-n", ns, "--containers" }), (old, ["top", "pod", "-A", "-l", "app=burner", "--containers"]) })
        {
            await cluster.Eventually(
                async () => (await TopAsync(client, args, "burner")) is { Cores: > 0.3 },
                TimeSpan.FromSeconds(60),
                $"kubectl {client.Version} {string.Join(' ', args)} to show the burning container above 300m");
        }
    }

    /// <summary>Waits until <c>kubectl args</c> succeeds with a row for <paramref name="name"/> and returns its CPU (cores) and memory (MiB).</summary>
    private async Task<(double Cores, double Memory)> EventuallyTopAsync(Kubectl client, string[] args, string name)
    {
        (double, double)? row = null;
        await cluster.Eventually(async () => (row = await TopAsync(client, args, name)) is not null, TimeSpan.FromSeconds(60), $"kubectl {client.Version} {string.Join(' ', args)} to list {name}");
        return row!.Value;
    }

    /// <summary>The row of <paramref name="name"/> in <c>kubectl top</c>'s output (the columns after the names), or null while kubectl says metrics are not available.</summary>
    private static async Task<(double Cores, double Memory)?> TopAsync(Kubectl client, string[] args, string name)
    {
        var result = await client.RunAsync(args);
        if (result.ExitCode != 0)
        {
            Assert.Contains("metrics not available yet", result.Stderr + result.Stdout, StringComparison.Ordinal);
            return null;
        }

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var cpuColumn = Array.FindIndex(header, h => h.StartsWith("CPU", StringComparison.Ordinal));
        var memoryColumn = Array.FindIndex(header, h => h.StartsWith("MEMORY", StringComparison.Ordinal));
        var nameColumn = Array.FindIndex(header, h => h is "NAME" or "POD");
        var row = lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).FirstOrDefault(c => c[nameColumn] == name);
        Assert.True(row is not null, $"kubectl {string.Join(' ', args)} lists no {name}:\n{result.Stdout}");
        return (Cores(row[cpuColumn]), Mebibytes(row[memoryColumn]));
    }

    private static double Cores(string text) => text.EndsWith('m')
        ? double.Parse(text[..^1], CultureInfo.InvariantCulture) / 1000
        : double.Parse(text, CultureInfo.InvariantCulture);

    private static double Mebibytes(string text) => double.Parse(text.TrimEnd('i', 'M', 'G', 'K'), CultureInfo.InvariantCulture) * (text.EndsWith("Gi", StringComparison.Ordinal) ? 1024 : 1);
}
