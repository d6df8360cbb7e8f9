using Microsoft.Extensions.Logging;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Host.Commands;

/// <summary>The options of a real (containerd) node, shared by `kubelet --runtime containerd` and `up`.</summary>
internal static class RealNode
{
    public static ContainerdNodeOptions Options(Arguments arguments, string defaultName, string defaultRoot, string portOption)
    {
        var template = KubeletCommand.NodeTemplate(arguments);
        return new ContainerdNodeOptions(arguments.Option("node-name") ?? defaultName, Path.GetFullPath(arguments.Option("root-dir") ?? defaultRoot))
        {
            ContainerdStateDir = arguments.Option("containerd-state-dir") is { } state ? Path.GetFullPath(state) : null,
            NodeIp = arguments.Option("node-ip"),
            Port = ClientArguments.Number(arguments, portOption, 10250),
            MaxPods = template.MaxPods,
            Labels = template.Labels,
            Taints = template.Taints,
        };
    }

    /// <summary>The host name as a node name (lower case, as upstream's kubelet registers it).</summary>
    public static string HostName() => System.Net.Dns.GetHostName().ToLowerInvariant();

    public static async Task<ContainerdNode> StartAsync(ContainerdNodeOptions options, ILoggerFactory loggers, TextWriter output, CancellationToken ct)
    {
        if (ContainerdNode.Unavailable() is { } reason)
        {
            throw new UsageException($"a real node cannot run here: {reason}");
        }

        var node = await ContainerdNode.StartAsync(options, loggers, ct);
        await output.WriteLineAsync($"orchestrator kubelet: node {options.NodeName} on {node.RuntimeVersion} ({node.Containerd.Endpoint}), kubelet port {node.ServerPort}");
        return node;
    }
}
