using Microsoft.Extensions.Logging;
using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Host.Commands;

/// <summary>The options of a real (containerd) node, shared by `kubelet --runtime containerd` and `up`.</summary>
internal static class RealNode
{
    public static ContainerdNodeOptions Options(Arguments arguments, string defaultName, string defaultRoot, string portOption)
    {
        var template = KubeletCommand.NodeTemplate(arguments);
        var clusterCidr = arguments.Option("cluster-cidr") ?? "10.244.0.0/16";
        if (!Ipv4Cidr.TryParse(clusterCidr, out _))
        {
            throw new UsageException($"--cluster-cidr must be an IPv4 CIDR (a.b.c.d/n), not \"{clusterCidr}\"");
        }

        var podNetworkText = arguments.Option("pod-network") ?? PodNetworkModes.HostGwName;
        var podNetwork = PodNetworkModes.Parse(podNetworkText)
            ?? throw new UsageException($"--pod-network must be {PodNetworkModes.HostGwName} or {PodNetworkModes.NoneName}, not \"{podNetworkText}\"");
        return new ContainerdNodeOptions(arguments.Option("node-name") ?? defaultName, Path.GetFullPath(arguments.Option("root-dir") ?? defaultRoot))
        {
            ContainerdStateDir = arguments.Option("containerd-state-dir") is { } state ? Path.GetFullPath(state) : null,
            NodeIp = arguments.Option("node-ip"),
            Port = ClientArguments.Number(arguments, portOption, 10250),
            MaxPods = template.MaxPods,
            Labels = template.Labels,
            Taints = template.Taints,
            ClusterCidr = clusterCidr,
            PodNetwork = podNetwork,
        };
    }

    /// <summary>
    /// <c>up</c> reads --cluster-cidr for its controller manager before the node options, so it hands the same value
    /// to its node here: the node masquerades exactly the range its podCIDRs are cut from.
    /// </summary>
    public static ContainerdNodeOptions WithClusterCidr(ContainerdNodeOptions options, string clusterCidr) =>
        Ipv4Cidr.TryParse(clusterCidr, out _)
            ? options with { ClusterCidr = clusterCidr }
            : throw new UsageException($"--cluster-cidr must be an IPv4 CIDR (a.b.c.d/n), not \"{clusterCidr}\"");

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
