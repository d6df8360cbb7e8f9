using System.Globalization;
using k8s;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client;
using Orchestrator.ControllerManager;
using Orchestrator.Kubelet;
using Orchestrator.Kubelet.Runtime.Hollow;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Scheduler;
using Orchestrator.Store;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator up`: the all-in-one host. The API server starts first; the scheduler, the controller
/// manager and the hollow nodes start once it serves, each through the REST API like separate
/// processes would; the ready line is printed once the nodes are registered.
/// </summary>
internal static class UpCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var dataDirectory = Path.GetFullPath(arguments.Option("data-dir") ?? ".orchestrator");
        var storeUrl = arguments.Option("store") ?? "sqlite://" + Path.Combine(dataDirectory, "state.db");
        var portText = arguments.Option("port") ?? "6443";
        var bindText = arguments.Option("bind-address") ?? "127.0.0.1";
        var advertiseText = arguments.Option("advertise-address");
        var hollowNodes = ClientArguments.Number(arguments, "hollow-nodes", 0);
        var template = KubeletCommand.NodeTemplate(arguments);
        var controllers = ControllerManagerCommand.Options(arguments) with { Identity = "orchestrator-up" };
        var runScheduler = ClientArguments.Flag(arguments, "scheduler", true);
        var runControllers = ClientArguments.Flag(arguments, "controller-manager", true);
        var realNodeText = arguments.Option("real-node") ?? (hollowNodes > 0 ? "false" : "auto");
        var nodeServices = NodeServices.Parse(arguments);
        var realNodeOptions = RealNode.WithClusterCidr(RealNode.Options(arguments, RealNode.HostName(), Path.Combine(dataDirectory, "kubelet"), "kubelet-port"), controllers.ClusterCidr);
        realNodeOptions = realNodeOptions with { Kubelet = nodeServices.Apply(realNodeOptions.Kubelet) };
        arguments.EnsureConsumed();
        if (realNodeText is not ("auto" or "true" or "false"))
        {
            throw new UsageException($"--real-node must be auto, true or false, not \"{realNodeText}\"");
        }

        var realNode = realNodeText != "false";
        if (realNode && ContainerdNode.Unavailable() is { } unavailable)
        {
            if (realNodeText == "true")
            {
                throw new UsageException($"--real-node true: a real node cannot run here: {unavailable}");
            }

            await output.WriteLineAsync($"orchestrator up: no real node ({unavailable}); running one hollow node instead, whose pods run no processes");
            realNode = false;
            hollowNodes = Math.Max(1, hollowNodes);
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new UsageException($"--port must be a TCP port number, not \"{portText}\"");
        }

        if (!System.Net.IPAddress.TryParse(bindText, out var bindAddress))
        {
            throw new UsageException($"--bind-address must be an IP address, not \"{bindText}\"");
        }

        System.Net.IPAddress? advertiseAddress = null;
        if (advertiseText is not null && !System.Net.IPAddress.TryParse(advertiseText, out advertiseAddress))
        {
            throw new UsageException($"--advertise-address must be an IP address, not \"{advertiseText}\"");
        }

        Directory.CreateDirectory(dataDirectory);
        await using var store = StoreFactory.Open(storeUrl);
        await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = port, BindAddress = bindAddress, AdvertiseAddress = advertiseAddress }, Logging);
        var kubeconfig = Kubeconfig.Write(Path.Combine(dataDirectory, "kubeconfig"), server.Address);
        using var loggers = LoggerFactory.Create(Logging);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        // Components stop as soon as shutdown begins: their watches would otherwise hold the server's drain open.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(server.Stopping);
        var components = new List<Task>();
        controllers = UpJoin.WithSigning(controllers, dataDirectory);
        if (runControllers)
        {
            components.Add(ControllerManagerHost.RunAsync(client, loggers, controllers, stop.Token));
        }

        if (runScheduler)
        {
            components.Add(SchedulerHost.RunAsync(client, loggers, new SchedulerOptions { Identity = "orchestrator-up" }, stop.Token));
        }

        var nodes = string.Empty;
        ContainerdNode? node = null;
        if (realNode)
        {
            node = await ContainerdNode.StartAsync(realNodeOptions, loggers, stop.Token);
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            components.Add(ComponentHost.RunAsync("kubelet", client, loggers, context =>
            {
                var kubelet = node.CreateKubelet(context);
                _ = kubelet.Registered.ContinueWith(t => registered.TrySetFromTask(t), TaskScheduler.Default);
                return [kubelet];
            }, null, stop.Token));
            components.Add(nodeServices.RunAsync(client, node, loggers, stop.Token));
            await Task.WhenAny(registered.Task, Task.WhenAll(components));
            await registered.Task;
            nodes = $"; node {realNodeOptions.NodeName} on {node.RuntimeVersion}"
                + (nodeServices.ProxyMode == NodeServices.NoProxy ? ", no service proxy" : $", {nodeServices.ProxyMode} service proxy")
                + (nodeServices.Dns ? $", cluster DNS on {node.NodeIp}:{nodeServices.DnsPort}" : "");
        }

        if (hollowNodes > 0)
        {
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            components.Add(ComponentHost.RunAsync("kubelet", client, loggers, context =>
            {
                // Nodes renew their leases four times per node-monitor grace period, as upstream's defaults do (10 s of 40 s).
                var leaseSeconds = Math.Max(1, (int)Math.Min(40, controllers.NodeMonitorGracePeriod.TotalSeconds));
                var kubelet = KubeletCommand.Hollow(context, HollowNodes.Create(hollowNodes, template: template), new KubeletOptions { NodeLeaseDurationSeconds = leaseSeconds });
                _ = kubelet.Registered.ContinueWith(t => registered.TrySetFromTask(t), TaskScheduler.Default);
                return [kubelet];
            }, null, stop.Token));
            await Task.WhenAny(registered.Task, Task.WhenAll(components));
            await registered.Task;
            nodes += $"; {hollowNodes} hollow node(s)";
        }

        await output.WriteLineAsync($"orchestrator up: API server {server.Address} on {storeUrl}{nodes}; kubeconfig {kubeconfig}");
        await UpJoin.RunAsync(client, dataDirectory, server.Address, advertiseAddress, bindAddress, output, stop.Token);
        await server.WaitForShutdownAsync();
        await stop.CancelAsync();
        await Task.WhenAll(components).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        return 0;
    }

    private static void Logging(ILoggingBuilder logging) =>
        logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
}
