using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Client.Errors;

namespace Orchestrator.Dns.Hosting;

/// <summary>
/// Publishes this node's DNS server: keeps the node's EndpointSlice of kube-system/kube-dns in step and
/// deletes it on a clean stop so the proxy stops sending the node's pods to a server that is gone. The
/// Service itself is the control plane's (<see cref="KubeDnsService"/>): a node only reads it.
/// </summary>
internal sealed partial class KubeDnsPublisher(IKubernetes client, string? nodeName, string? nodeIp, int port, ILogger logger)
{
    public string? SliceName => nodeName is null ? null : KubeDnsObjects.SliceName(nodeName);

    /// <summary>Creates or updates the node's slice; does nothing without a node name and address.</summary>
    public async Task EnsureSliceAsync(CancellationToken ct)
    {
        if (nodeName is null || nodeIp is null)
        {
            return;
        }

        var desired = KubeDnsObjects.NodeSlice(nodeName, nodeIp, port);
        V1EndpointSlice? existing = null;
        try
        {
            existing = await client.DiscoveryV1.ReadNamespacedEndpointSliceAsync(desired.Metadata.Name, KubeDnsObjects.Namespace, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Created below.
        }

        if (existing is null)
        {
            await client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(desired, KubeDnsObjects.Namespace, cancellationToken: ct);
            LogSlicePublished(logger, desired.Metadata.Name, nodeIp, port);
        }
        else if (!KubeDnsObjects.SameSlice(existing, desired))
        {
            desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(desired, desired.Metadata.Name, KubeDnsObjects.Namespace, cancellationToken: ct);
            LogSlicePublished(logger, desired.Metadata.Name, nodeIp, port);
        }
    }

    public async Task DeleteSliceAsync(CancellationToken ct)
    {
        if (SliceName is not { } name)
        {
            return;
        }

        try
        {
            await client.DiscoveryV1.DeleteNamespacedEndpointSliceAsync(name, KubeDnsObjects.Namespace, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published EndpointSlice kube-system/{Slice}: {NodeIp} port {Port}")]
    private static partial void LogSlicePublished(ILogger logger, string slice, string nodeIp, int port);
}
