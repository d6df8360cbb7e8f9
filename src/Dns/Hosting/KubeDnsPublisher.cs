using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Client.Errors;

namespace Orchestrator.Dns.Hosting;

/// <summary>
/// Publishes this node's DNS server: ensures the kube-dns Service exists (created when missing, never
/// changed: an administrator's edits win) and keeps the node's EndpointSlice in step; deletes the slice
/// on a clean stop so the proxy stops sending the node's pods to a server that is gone.
/// </summary>
internal sealed partial class KubeDnsPublisher(IKubernetes client, string serviceIp, string? nodeName, string? nodeIp, int port, ILogger logger)
{
    public string? SliceName => nodeName is null ? null : KubeDnsObjects.SliceName(nodeName);

    /// <summary>
    /// Reads first: a create of an existing Service with the same requested cluster IP fails on the IP
    /// ("already allocated", 422) before the name's AlreadyExists is checked, as in kube-apiserver.
    /// </summary>
    public async Task EnsureServiceAsync(CancellationToken ct)
    {
        try
        {
            await client.CoreV1.ReadNamespacedServiceAsync(KubeDnsObjects.ServiceName, KubeDnsObjects.Namespace, cancellationToken: ct);
            return;
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Created below.
        }

        try
        {
            await client.CoreV1.CreateNamespacedServiceAsync(KubeDnsObjects.Service(serviceIp), KubeDnsObjects.Namespace, cancellationToken: ct);
            LogServiceCreated(logger, serviceIp);
        }
        catch (Exception e) when (ApiFailures.IsAlreadyExists(e))
        {
            // Someone (another node, an administrator) made it first: theirs stands.
        }
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Service kube-system/kube-dns at {ClusterIp}")]
    private static partial void LogServiceCreated(ILogger logger, string clusterIp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published EndpointSlice kube-system/{Slice}: {NodeIp} port {Port}")]
    private static partial void LogSlicePublished(ILogger logger, string slice, string nodeIp, int port);
}
