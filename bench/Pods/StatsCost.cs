using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ControllerManager;
using Orchestrator.Scheduler;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Pods;

/// <summary>
/// The kubelet's stats cost (issue 15): N sleeping busybox pods on one containerd node; the kubelet runs first with
/// --stats false, then is restarted on the same root with --stats true (it adopts the running pods). Each phase
/// settles, then the kubelet's VmRSS is read; with stats on, /stats/summary and /metrics/resource are timed
/// (sequential requests over one keep-alive HTTPS connection) against /healthz on the same server as the baseline.
/// </summary>
internal static class StatsCost
{
    private const int Requests = 100;

    public static async Task RunAsync(ContainerdFixture containerd, int pods, TextWriter output)
    {
        await using var api = await InProcessApiServer.StartAsync();
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"bench-kubeconfig-{Guid.NewGuid():N}");
        ApiServer.Hosting.Kubeconfig.Write(kubeconfig, api.Address);
        using var stop = new CancellationTokenSource();
        var scheduler = SchedulerHost.RunAsync(api.Client, NullLoggerFactory.Instance, new SchedulerOptions { Identity = "bench" }, stop.Token);
        var controllers = ControllerManagerHost.RunAsync(api.Client, NullLoggerFactory.Instance, new ControllerManagerOptions { Identity = "bench", ClusterCidr = containerd.PodCidr }, stop.Token);
        var root = Directory.CreateTempSubdirectory("bench-kubelet-").FullName;
        // The kubelet's self-signed serving certificate: the bench is its only client (no client CA without a kubeconfig CA).
        using var https = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        Process? kubelet = null;
        try
        {
            kubelet = BenchCluster.StartKubelet(kubeconfig, containerd, root, "--stats", "false");
            var offPort = await KubeletPortAsync(api.Client, previous: 0);
            await CreatePodsAsync(api.Client, containerd, pods);
            var rssOff = await SettledRssAsync(kubelet);
            var disabled = await https.GetAsync(new Uri($"https://127.0.0.1:{offPort}/stats/summary"));
            output.WriteLine($"--stats false: /stats/summary answers {(int)disabled.StatusCode}");
            kubelet.Kill(entireProcessTree: true);
            await kubelet.WaitForExitAsync();

            kubelet = BenchCluster.StartKubelet(kubeconfig, containerd, root, "--stats", "true");
            var port = await KubeletPortAsync(api.Client, previous: offPort);
            await BenchCluster.WaitAsync(async () => await PodsInSummaryAsync(https, port) == pods, $"{pods} pods in /stats/summary");
            var rssIdle = await SettledRssAsync(kubelet);
            var healthz = await TimeAsync(https, port, "/healthz");
            var summary = await TimeAsync(https, port, "/stats/summary");
            var rssSummary = BenchCluster.Rss(kubelet.Id);
            var resource = await TimeAsync(https, port, "/metrics/resource");
            var rssOn = BenchCluster.Rss(kubelet.Id);
            // Whether memory keeps growing with scrapes or levels off: as many requests again.
            await TimeAsync(https, port, "/stats/summary");
            await TimeAsync(https, port, "/metrics/resource");
            var rssAgain = BenchCluster.Rss(kubelet.Id);
            var cri = await TimeCriAsync(containerd);

            output.WriteLine($"{pods} pods, {Requests} sequential requests each, one keep-alive HTTPS connection:");
            output.WriteLine($"  /healthz (baseline):  {healthz}");
            output.WriteLine($"  raw CRI ListContainerStats (baseline): {cri}");
            output.WriteLine($"  /stats/summary:       {summary}");
            output.WriteLine($"  /metrics/resource:    {resource}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio to raw ListContainerStats p50: summary {summary.P50 / cri.P50:F2}x, resource {resource.P50 / cri.P50:F2}x"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kubelet RSS with {pods} pods: --stats false {rssOff / 1048576.0:F1} MiB; --stats true {rssIdle / 1048576.0:F1} MiB settled, {rssSummary / 1048576.0:F1} MiB after {Requests} summaries, {rssOn / 1048576.0:F1} MiB after {Requests} resource scrapes ({(double)rssOn / rssOff:F2}x), {rssAgain / 1048576.0:F1} MiB after as many again"));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(scheduler, controllers).ContinueWith(_ => { }, TaskScheduler.Default);
            if (kubelet is { HasExited: false })
            {
                kubelet.Kill(entireProcessTree: true);
                await kubelet.WaitForExitAsync();
            }

            kubelet?.Dispose();
            File.Delete(kubeconfig);
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The kubelet port the node publishes once it differs from <paramref name="previous"/> (a restarted kubelet binds a new one) and the node is Ready.</summary>
    private static async Task<int> KubeletPortAsync(IKubernetes client, int previous)
    {
        var port = 0;
        await BenchCluster.WaitAsync(async () =>
        {
            var node = (await client.CoreV1.ListNodeAsync()).Items.FirstOrDefault();
            port = node?.Status?.DaemonEndpoints?.KubeletEndpoint?.Port ?? 0;
            return port != 0 && port != previous && node!.Status!.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true && !string.IsNullOrEmpty(node.Spec?.PodCIDR);
        }, "the node to be Ready on a new kubelet port");
        return port;
    }

    private static async Task CreatePodsAsync(IKubernetes client, ContainerdFixture containerd, int pods)
    {
        for (var i = 0; i < pods; i++)
        {
            await client.CoreV1.CreateNamespacedPodAsync(PodStartup.Pod("stats-" + i.ToString(CultureInfo.InvariantCulture), containerd.BusyboxImage, null), "default");
        }

        await BenchCluster.WaitAsync(async () => (await client.CoreV1.ListNamespacedPodAsync("default")).Items.Count(p => p.Status?.Phase == "Running") == pods, $"{pods} pods Running");
    }

    private static async Task<int> PodsInSummaryAsync(HttpClient https, int port)
    {
        var body = await https.GetStringAsync(new Uri($"https://127.0.0.1:{port}/stats/summary"));
        return JsonNode.Parse(body)!["pods"]!.AsArray().Count;
    }

    private static async Task<long> SettledRssAsync(Process kubelet)
    {
        await Task.Delay(TimeSpan.FromSeconds(5)); // let start-up and adoption allocations settle
        return BenchCluster.Rss(kubelet.Id);
    }

    private static Task<Percentiles> TimeAsync(HttpClient https, int port, string path)
    {
        var url = new Uri($"https://127.0.0.1:{port}{path}");
        return TimeAsync(async () =>
        {
            using var response = await https.GetAsync(url);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
    }

    /// <summary>The runtime's own share: one ListContainerStats straight to containerd, what every CRI stats round pays at least.</summary>
    private static async Task<Percentiles> TimeCriAsync(ContainerdFixture containerd)
    {
        using var cri = Kubelet.Runtime.Cri.Client.CriClient.Connect(containerd.Endpoint);
        return await TimeAsync(async () => await cri.Runtime.ListContainerStatsAsync(new Kubelet.Runtime.Cri.Api.ListContainerStatsRequest()));
    }

    /// <summary>5 warm-up calls, then <see cref="Requests"/> timed ones in sequence.</summary>
    private static async Task<Percentiles> TimeAsync(Func<Task> call)
    {
        for (var i = 0; i < 5; i++)
        {
            await call();
        }

        var times = new List<double>(Requests);
        for (var i = 0; i < Requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Percentiles.Of(times);
    }
}
