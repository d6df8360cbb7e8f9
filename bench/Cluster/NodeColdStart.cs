using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// N hollow nodes from a cold start: a separate `orchestrator kubelet --nodes N` process against a
/// fresh API server, timed until every node is Ready as the API reports it; its resident memory per
/// node against a 1-node process. Baseline: creating the same Node and Lease objects straight
/// through the API at 64-way concurrency.
/// </summary>
internal static class NodeColdStart
{
    public static async Task RunAsync(int nodes, TextWriter output)
    {
        await using var api = await InProcessApiServer.StartAsync();
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"bench-kubeconfig-{Guid.NewGuid():N}");
        ApiServer.Hosting.Kubeconfig.Write(kubeconfig, api.Address);

        var baseline = await Measurement.RunAsync("raw create Node + Lease (API, 64-way)", 64, nodes, async i =>
        {
            var name = "raw-" + i.ToString(CultureInfo.InvariantCulture);
            await api.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name } });
            await api.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1LeaseSpec { HolderIdentity = name } }, "kube-node-lease");
        });

        var (oneNodeRss, _) = await StartAndMeasureAsync(api.Client, kubeconfig, 1, "single-");
        var (rss, seconds) = await StartAndMeasureAsync(api.Client, kubeconfig, nodes, "hollow-node-");
        File.Delete(kubeconfig);

        output.WriteLine($"hollow nodes Ready from cold start: {nodes} nodes in {seconds:F2} s ({nodes / seconds:F0} nodes/s)");
        output.WriteLine($"baseline, raw Node+Lease creates: {baseline.Seconds:F2} s; cold start / raw = {seconds / baseline.Seconds:F2}x");
        output.WriteLine($"kubelet process RSS: {rss / 1048576.0:F0} MiB with {nodes} nodes, {oneNodeRss / 1048576.0:F0} MiB with 1; per node {(rss - oneNodeRss) / (double)Math.Max(1, nodes - 1) / 1024:F1} KiB");
    }

    private static async Task<(long Rss, double Seconds)> StartAndMeasureAsync(IKubernetes client, string kubeconfig, int nodes, string prefix)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "kubelet", "--kubeconfig", kubeconfig, "--nodes", nodes.ToString(CultureInfo.InvariantCulture), "--name-prefix", prefix })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                var list = await client.CoreV1.ListNodeAsync();
                var ready = list.Items.Count(n => n.Metadata.Name.StartsWith(prefix, StringComparison.Ordinal)
                    && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
                if (ready == nodes)
                {
                    break;
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException("the kubelet process exited");
                }

                await Task.Delay(100);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(12)); // one full heartbeat round, so memory includes steady state
            return (Rss(process.Id), seconds);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
