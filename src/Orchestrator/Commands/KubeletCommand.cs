using Orchestrator.Client;
using Orchestrator.Host.Memory;
using Orchestrator.Kubelet;
using Orchestrator.Kubelet.Runtime.Hollow;
using Orchestrator.Kubelet.Node;
using Orchestrator.Kubelet.Node.Windows;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator kubelet --runtime hollow`: one process running N hollow nodes against any API server.</summary>
internal static class KubeletCommand
{
    public static async Task<int> RunAsync(ParseResult parsed, TextWriter output)
    {
        var containerd = parsed.Value<string>("runtime") == "containerd";
        if (containerd)
        {
            parsed.Unused("--runtime containerd", "nodes", "name-prefix", "first-index");
        }
        else
        {
            RefuseRealNodeOptions(parsed);
            parsed.Unused("--runtime hollow", "proxy-kubeconfig", "dns-kubeconfig", "local-path-kubeconfig");
        }

        var configuration = ClientArguments.Configuration(parsed);
        using var client = Orchestrator.Client.Connection.KubernetesClients.Create(configuration);
        if (containerd)
        {
            return await RunContainerdAsync(client, configuration.SslCaCerts, parsed, output);
        }

        var count = parsed.Value<int?>("nodes") ?? 1;
        var first = parsed.Value<int?>("first-index") ?? 0;
        var prefix = parsed.Value<string>("name-prefix") ?? "hollow-node-";
        var template = NodeTemplate(parsed);
        var options = LeaseOptions(parsed);
        using var process = await ComponentProcess.StartAsync(parsed, output, "kubelet");
        var nodes = HollowNodes.Create(count, prefix, template, first);
        await output.WriteLineAsync($"orchestrator kubelet: {count} hollow node(s) {nodes[0].Name}..{nodes[^1].Name}");
        await IdleTrimmer.WhileRunningAsync(
            ComponentHost.RunAsync("kubelet", client, process.Loggers, context => [Hollow(context, nodes, options)], null, process.Shutdown),
            process.Shutdown);
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
    private static async Task<int> RunContainerdAsync(k8s.IKubernetes client, System.Security.Cryptography.X509Certificates.X509Certificate2Collection? authorities, ParseResult parsed, TextWriter output)
    {
        var node = RealNode.Options(parsed, RealNode.HostName(), "kubelet", "port");
        var services = NodeServices.Parse(parsed, windowsNode: node.Windows is not null);
        var options = node with { Kubelet = services.Apply(LeaseOptions(parsed)) };
        options = RealNode.WithStandaloneTls(options, parsed, authorities);
        if (options is { WebhookAuthorization: true, ClientCertificateAuthority: null })
        {
            throw new UsageException("--authorization-mode Webhook needs client certificates: give --client-ca-file (the kubeconfig names no CA), or --authorization-mode AlwaysAllow");
        }

        using var proxyClient = ClientArguments.OptionalClient(parsed, "proxy-kubeconfig");
        using var dnsClient = ClientArguments.OptionalClient(parsed, "dns-kubeconfig");
        using var localPathClient = ClientArguments.OptionalClient(parsed, "local-path-kubeconfig");
        using var process = await ComponentProcess.StartAsync(parsed, output, "kubelet");
        if (localPathClient is not null)
        {
            options = options with { Labels = Kubelet.Storage.LocalPath.LocalPathNames.WithNodeLabel(options.Labels) };
        }

        await using var running = await RealNode.StartAsync(options, process.Loggers, output, process.Shutdown);
        var localPath = localPathClient is null
            ? Task.CompletedTask
            : ComponentHost.RunAsync(UpCommand.LocalPathComponent(running), localPathClient, process.Loggers, context => [running.CreateLocalPathProvisioner(context)], null, process.Shutdown);
        await IdleTrimmer.WhileRunningAsync(
            Task.WhenAll(
                ComponentHost.RunAsync("kubelet", client, process.Loggers, context => [running.CreateKubelet(context)], null, process.Shutdown),
                services.RunAsync(proxyClient ?? client, dnsClient ?? client, running, process.Loggers, process.Shutdown),
                localPath),
            process.Shutdown);
        return 0;
    }

    public static KubeletHost Hollow(ControllerContext context, IReadOnlyList<NodeConfig> nodes, KubeletOptions options) =>
        new(context, new HollowRuntime(new HollowRuntimeOptions(), context.Time, context.Client), nodes, options);

    /// <summary>
    /// Hollow nodes have no runtime, network, services or TLS server of their own: those options are refused, but for
    /// the real-node options named in <paramref name="hollowUses"/> (join's hollow node takes its name and IP).
    /// </summary>
    public static void RefuseRealNodeOptions(ParseResult parsed, params string[] hollowUses) =>
        parsed.Unused("--runtime hollow", [.. OptionSets.RealNode("port").Where(o => !hollowUses.Contains(o.Name[2..], StringComparer.Ordinal)), .. OptionSets.NodeServices(), .. OptionSets.KubeletServing()]);

    /// <summary>--node-lease-duration-seconds (default 40).</summary>
    public static KubeletOptions LeaseOptions(ParseResult parsed) =>
        new() { NodeLeaseDurationSeconds = parsed.Value<int?>("node-lease-duration-seconds") ?? 40 };

    /// <summary>--windows-build Major.Minor.Build, checked as the command line is parsed.</summary>
    public static Option<WindowsBuild?> WindowsBuildOption() =>
        OptionSpec.Parsed<WindowsBuild?>("windows-build", "10.0.20348", "a hollow Windows node's build", text => WindowsBuild.TryParse(text, out var build)
            ? build
            : throw new UsageException($"--windows-build must be Major.Minor.Build (e.g. 10.0.20348), not \"{text}\""));

    /// <summary>Capacity, OS, labels and taints shared by every node of the process.</summary>
    public static NodeConfig NodeTemplate(ParseResult parsed)
    {
        var template = new NodeConfig("template", "0.0.0.0");
        if (parsed.Value<string>("os") is { } os)
        {
            template = template with { OperatingSystem = os };
        }

        if (parsed.Value<WindowsBuild?>("windows-build") is { } build)
        {
            template = template.OperatingSystem == "windows"
                ? template.AsWindows(new WindowsVersion(build, 0, "Windows (Orchestrator hollow node)"))
                : throw new UsageException("--windows-build needs --os windows");
        }

        return template with
        {
            Cpu = parsed.Value<string>("cpu") ?? template.Cpu,
            Memory = parsed.Value<string>("memory") ?? template.Memory,
            MaxPods = parsed.Value<int?>("max-pods") ?? template.MaxPods,
            Labels = parsed.Value<Dictionary<string, string>>("labels") ?? template.Labels,
            Taints = parsed.Value<List<k8s.Models.V1Taint>>("taints") ?? template.Taints,
        };
    }
}
