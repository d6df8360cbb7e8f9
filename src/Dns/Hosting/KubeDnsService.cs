using k8s;
using Orchestrator.Client.Errors;

namespace Orchestrator.Dns.Hosting;

/// <summary>
/// The kube-system/kube-dns Service is the control plane's (as kubeadm's CoreDNS addon is installed by
/// `kubeadm init`, not by nodes): `up` ensures it once at start; every node's DNS server only reads it
/// and publishes its own EndpointSlice (<see cref="KubeDnsPublisher"/>), so a node's identity needs no
/// right to create Services.
/// </summary>
public static class KubeDnsService
{
    /// <summary>
    /// Creates the Service at <paramref name="clusterIp"/> when missing, never changes an existing one (an
    /// administrator's edits win); true when this call created it. Reads first: a create of an existing
    /// Service with the same requested cluster IP fails on the IP ("already allocated", 422) before the
    /// name's AlreadyExists is checked, as in kube-apiserver.
    /// </summary>
    public static async Task<bool> EnsureAsync(IKubernetes client, string clusterIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.CoreV1.ReadNamespacedServiceAsync(KubeDnsObjects.ServiceName, KubeDnsObjects.Namespace, cancellationToken: ct);
            return false;
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Created below.
        }

        try
        {
            await client.CoreV1.CreateNamespacedServiceAsync(KubeDnsObjects.Service(clusterIp), KubeDnsObjects.Namespace, cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (ApiFailures.IsAlreadyExists(e))
        {
            // Made concurrently (another control-plane start, an administrator): theirs stands.
            return false;
        }
    }
}
