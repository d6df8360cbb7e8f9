using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client;
using Orchestrator.ControllerManager;
using Orchestrator.Dns.Hosting;
using Orchestrator.Host.Memory;
using Orchestrator.Host.Pki;
using Orchestrator.Host.Up;
using Orchestrator.Kubelet;
using Orchestrator.Kubelet.Node;
using Orchestrator.Kubelet.Runtime.Hollow;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Kubelet.Storage.LocalPath;
using Orchestrator.Scheduler;
using Orchestrator.Store;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator up`: the all-in-one host. The cluster's PKI is loaded or created under the data directory
/// (<see cref="ClusterPki"/>), the API server starts first on HTTPS; the scheduler, the controller manager,
/// the nodes and their proxy and DNS start once it serves, each through the REST API with its own client
/// certificate and kubeconfig, like separate processes would; the ready line is printed once the nodes are
/// registered.
/// </summary>
internal static class UpCommand
{
    public static async Task<int> RunAsync(ParseResult parsed, TextWriter output)
    {
        var dataDirectory = Path.GetFullPath(parsed.Value<string>("data-dir") ?? ".orchestrator");
        var storeUrl = parsed.Value<string>("store") ?? "sqlite://" + Path.Combine(dataDirectory, "state.db");
        var port = parsed.Value<int?>("port") ?? 6443;
        var bindAddress = parsed.Value<System.Net.IPAddress>("bind-address") ?? System.Net.IPAddress.Any;
        var security = UpSecurity.Parse(parsed);
        var advertiseAddress = parsed.Value<System.Net.IPAddress>("advertise-address");
        var auditLog = parsed.Value<string>("audit-log");
        var encryptionKeyFile = parsed.Value<string>("encryption-key-file");
        var metricResolution = parsed.Value<TimeSpan?>("metric-resolution") ?? TimeSpan.FromSeconds(15);
        var hollowNodes = parsed.Value<int?>("hollow-nodes") ?? 0;
        var template = KubeletCommand.NodeTemplate(parsed);
        var controllers = ControllerManagerCommand.Options(parsed) with { Identity = "orchestrator-up" };
        var runScheduler = parsed.Boolean("scheduler") ?? true;
        var runControllers = parsed.Boolean("controller-manager") ?? true;
        var realNodeText = parsed.Value<string>("real-node") ?? (hollowNodes > 0 ? "false" : "auto");
        var nodeServices = NodeServices.Parse(parsed);
        var realNodeOptions = RealNode.WithClusterCidr(RealNode.Options(parsed, RealNode.HostName(), Path.Combine(dataDirectory, "kubelet"), "kubelet-port"), controllers.ClusterCidr);
        realNodeOptions = realNodeOptions with { Kubelet = nodeServices.Apply(realNodeOptions.Kubelet) };
        var tracing = TracingArguments.From(parsed);
        using var tracer = Client.Tracing.TracingSetup.Start(tracing, "orchestrator");
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
        Directory.CreateDirectory(dataDirectory);
        var progress = UpProgress.SinceProcessStart(output);
        var pkiExisted = File.Exists(UpJoin.CaCertFile(dataDirectory));
        using var pki = ClusterPki.LoadOrCreate(dataDirectory, ApiServerNames.Compute(RealNode.HostName(), bindAddress, advertiseAddress, ApiServerNames.InterfaceAddresses()));
        await progress.StepAsync((pkiExisted ? "PKI loaded from " : "PKI created in ") + pki.Directory);
        await using var store = SecretEncryption.Wrap(StoreFactory.Open(storeUrl), encryptionKeyFile);
        await progress.StepAsync("store opened: " + storeUrl + (encryptionKeyFile is null ? "" : " (Secrets encrypted)"));
        var serverOptions = new ApiServerOptions
        {
            Port = port,
            BindAddress = bindAddress,
            AdvertiseAddress = advertiseAddress,
            Security = security.For(pki),
            AuditLogPath = auditLog is null ? null : Path.GetFullPath(auditLog),
            MetricResolution = metricResolution,
        };
        await using var server = await ApiServerHost.StartAsync(store, serverOptions, Logging);
        await progress.StepAsync("API server serving at " + server.Address);
        controllers = controllers with { RootCaBundle = ApiMachinery.Certificates.Pem.Certificate(pki.CaCertificate) };
        var kubeconfig = pki.WriteKubeconfig(server.Address, ComponentIdentity.Admin);
        using var loggers = LoggerFactory.Create(Logging);
        using var clients = new ComponentClients(pki, server.Address);
        // Components stop as soon as shutdown begins: their watches would otherwise hold the server's drain open.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(server.Stopping);
        var components = new List<Task>();
        var admin = clients.For(ComponentIdentity.Admin);

        // What follows does not wait on itself: the control plane's own objects, the join setup, the components and
        // the hollow nodes start together (each is an API client; they overlap, the ready line waits for them all).
        // The kube-dns Service is the control plane's (as kubeadm's DNS addon): the nodes' DNS servers only read it.
        // The default StorageClass is the control plane's too (as k3s ships local-path); each real node provisions its volumes.
        var setup = Task.WhenAll(
            nodeServices.Dns ? KubeDnsService.EnsureAsync(admin, nodeServices.ClusterDns[0], stop.Token) : Task.CompletedTask,
            LocalPathStorageClass.EnsureAsync(admin, stop.Token));

        // The join setup writes its objects before the ready line, so a client that starts on that line sees a settled server.
        using var joinLine = new StringWriter(CultureInfo.InvariantCulture);
        var join = UpJoin.RunAsync(admin, dataDirectory, server.Address, advertiseAddress, bindAddress, joinLine, stop.Token);
        controllers = UpJoin.WithSigning(controllers, dataDirectory);
        if (runControllers)
        {
            components.Add(ControllerManagerHost.RunAsync(clients.For(ComponentIdentity.ControllerManager), loggers, controllers, stop.Token));
        }

        if (runScheduler)
        {
            components.Add(SchedulerHost.RunAsync(clients.For(ComponentIdentity.Scheduler), loggers, new SchedulerOptions { Identity = "orchestrator-up" }, stop.Token));
        }

        var hollow = hollowNodes > 0 ? HollowNodes.Create(hollowNodes, template: template) : [];
        var hollowRegistered = hollow.Count > 0 ? StartHollowNodes(hollow, clients, loggers, controllers, components, stop.Token) : Task.CompletedTask;
        await setup;
        if (runControllers || runScheduler)
        {
            await progress.StepAsync(string.Join(" and ", new[] { runControllers ? "controller manager" : null, runScheduler ? "scheduler" : null }.OfType<string>()) + " started");
        }

        var nodes = string.Empty;
        ContainerdNode? node = null;
        if (realNode)
        {
            realNodeOptions = realNodeOptions with
            {
                ServingCertificate = pki.KubeletServingCertificate(RealNode.CertificateDirectory(realNodeOptions), realNodeOptions.NodeName, RealNode.KubeletNames(realNodeOptions)),
                ClientCertificateAuthority = pki.CaCertificate,
                WebhookAuthorization = true,
                Labels = Kubelet.Storage.LocalPath.LocalPathNames.WithNodeLabel(realNodeOptions.Labels),
            };
            node = await ContainerdNode.StartAsync(realNodeOptions, loggers, stop.Token);
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            components.Add(ComponentHost.RunAsync("kubelet", clients.For(ComponentIdentity.Kubelet(realNodeOptions.NodeName)), loggers, context =>
            {
                var kubelet = node.CreateKubelet(context);
                _ = kubelet.Registered.ContinueWith(t => registered.TrySetFromTask(t), TaskScheduler.Default);
                return [kubelet];
            }, null, stop.Token));
            components.Add(nodeServices.RunAsync(clients.For(ComponentIdentity.Proxy), clients.For(ComponentIdentity.Dns), node, loggers, stop.Token));
            components.Add(ComponentHost.RunAsync(LocalPathComponent(node), clients.For(ComponentIdentity.LocalPathProvisioner), loggers, context => [node.CreateLocalPathProvisioner(context)], null, stop.Token));
            await Task.WhenAny(registered.Task, Task.WhenAll(components));
            await registered.Task;
            await progress.StepAsync($"node {realNodeOptions.NodeName} registered ({node.RuntimeVersion})");
            if (nodeServices.ProxyMode != NodeServices.NoProxy || nodeServices.Dns)
            {
                await progress.StepAsync(string.Join(" and ", new[] { nodeServices.ProxyMode == NodeServices.NoProxy ? null : $"{nodeServices.ProxyMode} service proxy", nodeServices.Dns ? $"cluster DNS on {node.NodeIp}:{nodeServices.DnsPort}" : null }.OfType<string>()) + $" started on {realNodeOptions.NodeName}");
            }

            nodes = $"; node {realNodeOptions.NodeName} on {node.RuntimeVersion}"
                + (nodeServices.ProxyMode == NodeServices.NoProxy ? ", no service proxy" : $", {nodeServices.ProxyMode} service proxy")
                + (nodeServices.Dns ? $", cluster DNS on {node.NodeIp}:{nodeServices.DnsPort}" : "");
        }

        if (hollow.Count > 0)
        {
            await Task.WhenAny(hollowRegistered, Task.WhenAll(components));
            await hollowRegistered;
            nodes += $"; {hollowNodes} hollow node(s)";
            await progress.StepAsync($"hollow node(s) registered: {string.Join(", ", hollow.Take(5).Select(n => n.Name))}{(hollow.Count > 5 ? $" and {hollow.Count - 5} more" : "")}");
        }

        if (runControllers)
        {
            // Pods need their namespace's service account (ServiceAccount admission): the ready line waits for default/default.
            await WaitForDefaultServiceAccountAsync(admin, stop.Token);
        }

        var insecure = security.InsecurePort is { } insecurePort ? $"; plain HTTP for tests on 127.0.0.1:{insecurePort.ToString(CultureInfo.InvariantCulture)}" : "";
        await join;
        await progress.StepAsync("cluster ready");
        await output.WriteLineAsync($"orchestrator up: API server {server.Address} on {storeUrl}{nodes}{insecure}; pki {pki.Directory}; kubeconfig {kubeconfig}");
        await output.WriteAsync(UpNextSteps.Format(kubeconfig, joinLine.ToString()));
        await output.FlushAsync();
        await progress.TraceAsync(UpMemory.ReleaseStartupGarbage());
        await IdleTrimmer.WhileRunningAsync(server.WaitForShutdownAsync(), stop.Token);
        await stop.CancelAsync();
        await Task.WhenAll(components).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        return 0;
    }

    /// <summary>Runs the hollow nodes' kubelet as a component; the task completes once they are registered.</summary>
    private static Task StartHollowNodes(IReadOnlyList<NodeConfig> hollow, ComponentClients clients, ILoggerFactory loggers, ControllerManagerOptions controllers, List<Task> components, CancellationToken ct)
    {
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var identity = hollow.Count == 1 ? ComponentIdentity.Kubelet(hollow[0].Name) : ComponentIdentity.HollowKubelets;
        components.Add(ComponentHost.RunAsync("kubelet", clients.For(identity), loggers, context =>
        {
            // Nodes renew their leases four times per node-monitor grace period, as upstream's defaults do (10 s of 40 s).
            var leaseSeconds = Math.Max(1, (int)Math.Min(40, controllers.NodeMonitorGracePeriod.TotalSeconds));
            var kubelet = KubeletCommand.Hollow(context, hollow, new KubeletOptions { NodeLeaseDurationSeconds = leaseSeconds });
            _ = kubelet.Registered.ContinueWith(t => registered.TrySetFromTask(t), TaskScheduler.Default);
            return [kubelet];
        }, null, ct));
        return registered.Task;
    }

    /// <summary>The provisioner's event source, as the external-provisioner's (provisioner name and host).</summary>
    public static string LocalPathComponent(ContainerdNode node) => LocalPathNames.Provisioner + "_" + node.Options.NodeName;

    private static async Task WaitForDefaultServiceAccountAsync(IKubernetes client, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var accounts = await client.CoreV1.ListNamespacedServiceAccountAsync("default", fieldSelector: "metadata.name=default", cancellationToken: ct);
            if (accounts.Items.Count > 0)
            {
                return;
            }

            await Task.Delay(100, ct);
        }
    }

    private static void Logging(ILoggingBuilder logging) =>
        logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
}
