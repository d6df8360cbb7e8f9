using Microsoft.Extensions.Logging;
using Orchestrator.Client;
using Orchestrator.Kubelet;
using Orchestrator.Kubelet.Runtime.Hollow;
using Orchestrator.Kubelet.Node;
using Orchestrator.Kubelet.Node.Windows;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator kubelet --runtime hollow`: one process running N hollow nodes against any API server.</summary>
internal static class KubeletCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var configuration = ClientArguments.Configuration(arguments);
        using var client = new k8s.Kubernetes(configuration);
        var runtime = arguments.Option("runtime") ?? "hollow";
        if (runtime == "containerd")
        {
            return await RunContainerdAsync(client, configuration.SslCaCerts, arguments, output);
        }

        if (runtime != "hollow")
        {
            throw new UsageException($"--runtime must be \"hollow\" or \"containerd\", not \"{runtime}\"");
        }

        var count = ClientArguments.Number(arguments, "nodes", 1, min: 1);
        var first = ClientArguments.Number(arguments, "first-index", 0);
        var prefix = arguments.Option("name-prefix") ?? "hollow-node-";
        var template = NodeTemplate(arguments);
        var options = new KubeletOptions { NodeLeaseDurationSeconds = ClientArguments.Number(arguments, "node-lease-duration-seconds", 40, min: 1) };
        var metricsAddress = MetricsListener.Address(arguments);
        var tracing = TracingArguments.From(arguments);
        arguments.EnsureConsumed();
        using var metrics = await MetricsListener.StartAsync(metricsAddress, output);
        using var tracer = Client.Tracing.TracingSetup.Start(tracing, "kubelet");
        using var loggers = ClientArguments.Loggers(LogLevel.Information);
        using var shutdown = ClientArguments.ShutdownToken();
        var nodes = HollowNodes.Create(count, prefix, template, first);
        await output.WriteLineAsync($"orchestrator kubelet: {count} hollow node(s) {nodes[0].Name}..{nodes[^1].Name}");
        await ComponentHost.RunAsync("kubelet", client, loggers, context => [Hollow(context, nodes, options)], null, shutdown.Token);
        return 0;
    }

    /// <summary>
    /// `orchestrator kubelet --runtime containerd`: one real node on a private containerd, or on an existing CRI runtime
    /// with <c>--container-runtime-endpoint</c> (a Windows node's default, <c>--os windows</c>), its server on TLS. The
    /// proxy and DNS use <c>--proxy-kubeconfig</c> and <c>--dns-kubeconfig</c> when given (their own identities), else
    /// the kubelet's (group system:nodes holds what they need: ApiServer's NodeCompanionPolicy). The node's local-path
    /// provisioner runs only with <c>--local-path-kubeconfig</c> (an identity bound to system:orchestrator:local-path-provisioner):
    /// creating PersistentVolumes is nothing a node's own identity may do.
    /// </summary>
    private static async Task<int> RunContainerdAsync(k8s.IKubernetes client, System.Security.Cryptography.X509Certificates.X509Certificate2Collection? authorities, Arguments arguments, TextWriter output)
    {
        var node = RealNode.Options(arguments, RealNode.HostName(), "kubelet", "port");
        var services = NodeServices.Parse(arguments, windowsNode: node.Windows is not null);
        var options = node with
        {
            Kubelet = services.Apply(new KubeletOptions { NodeLeaseDurationSeconds = ClientArguments.Number(arguments, "node-lease-duration-seconds", 40, min: 1) }),
        };
        options = RealNode.WithStandaloneTls(options, arguments, authorities);
        if (options is { WebhookAuthorization: true, ClientCertificateAuthority: null })
        {
            throw new UsageException("--authorization-mode Webhook needs client certificates: give --client-ca-file (the kubeconfig names no CA), or --authorization-mode AlwaysAllow");
        }

        using var proxyClient = ClientArguments.OptionalClient(arguments, "proxy-kubeconfig");
        using var dnsClient = ClientArguments.OptionalClient(arguments, "dns-kubeconfig");
        using var localPathClient = ClientArguments.OptionalClient(arguments, "local-path-kubeconfig");
        var metricsAddress = MetricsListener.Address(arguments);
        var tracing = TracingArguments.From(arguments);
        arguments.EnsureConsumed();
        using var metrics = await MetricsListener.StartAsync(metricsAddress, output);
        using var tracer = Client.Tracing.TracingSetup.Start(tracing, "kubelet");
        using var loggers = ClientArguments.Loggers(LogLevel.Information);
        using var shutdown = ClientArguments.ShutdownToken();
        if (localPathClient is not null)
        {
            options = options with { Labels = Kubelet.Storage.LocalPath.LocalPathNames.WithNodeLabel(options.Labels) };
        }

        await using var running = await RealNode.StartAsync(options, loggers, output, shutdown.Token);
        var localPath = localPathClient is null
            ? Task.CompletedTask
            : ComponentHost.RunAsync(UpCommand.LocalPathComponent(running), localPathClient, loggers, context => [running.CreateLocalPathProvisioner(context)], null, shutdown.Token);
        await Task.WhenAll(
            ComponentHost.RunAsync("kubelet", client, loggers, context => [running.CreateKubelet(context)], null, shutdown.Token),
            services.RunAsync(proxyClient ?? client, dnsClient ?? client, running, loggers, shutdown.Token),
            localPath);
        return 0;
    }

    public static KubeletHost Hollow(ControllerContext context, IReadOnlyList<NodeConfig> nodes, KubeletOptions options) =>
        new(context, new HollowRuntime(new HollowRuntimeOptions(), context.Time, context.Client), nodes, options);

    /// <summary>Capacity, OS, labels and taints shared by every node of the process.</summary>
    public static NodeConfig NodeTemplate(Arguments arguments)
    {
        var template = new NodeConfig("template", "0.0.0.0");
        if (arguments.Option("os") is { } os)
        {
            template = os is "linux" or "windows" ? template with { OperatingSystem = os } : throw new UsageException("--os must be linux or windows");
        }

        if (arguments.Option("windows-build") is { } buildText)
        {
            if (template.OperatingSystem != "windows")
            {
                throw new UsageException("--windows-build needs --os windows");
            }

            template = WindowsBuild.TryParse(buildText, out var build)
                ? template.AsWindows(new WindowsVersion(build, 0, "Windows (Orchestrator hollow node)"))
                : throw new UsageException($"--windows-build must be Major.Minor.Build (e.g. 10.0.20348), not \"{buildText}\"");
        }

        template = template with
        {
            Cpu = arguments.Option("cpu") ?? template.Cpu,
            Memory = arguments.Option("memory") ?? template.Memory,
            MaxPods = ClientArguments.Number(arguments, "max-pods", template.MaxPods, min: 1),
        };
        if (arguments.Option("labels") is { } labels)
        {
            template = template with { Labels = NodeArguments.Labels(labels) };
        }

        if (arguments.Option("taints") is { } taints)
        {
            template = template with { Taints = NodeArguments.Taints(taints) };
        }

        return template;
    }
}
