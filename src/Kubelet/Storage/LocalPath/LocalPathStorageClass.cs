using Orchestrator.Client.Errors;
using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>
/// The cluster's default StorageClass <c>local-path</c> (as k3s ships it): served by each node's
/// <see cref="LocalPathProvisioner"/>, WaitForFirstConsumer (the scheduler picks the node first, so the volume
/// is made where the pod runs), reclaim policy Delete, marked default, allowed only on nodes labelled
/// <see cref="LocalPathNames.NodeLabel"/> (those whose kubelet runs the provisioner). <c>up</c> creates it when missing and never
/// changes an existing one: an administrator's edits (another default, Retain) win.
/// </summary>
public static class LocalPathStorageClass
{
    public static V1StorageClass Object() => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = new V1ObjectMeta
        {
            Name = LocalPathNames.StorageClass,
            Annotations = new Dictionary<string, string> { [StorageClasses.IsDefaultAnnotation] = "true" },
        },
        Provisioner = LocalPathNames.Provisioner,
        VolumeBindingMode = "WaitForFirstConsumer",
        ReclaimPolicy = "Delete",
        AllowedTopologies =
        [
            new V1TopologySelectorTerm
            {
                MatchLabelExpressions = [new V1TopologySelectorLabelRequirement { Key = LocalPathNames.NodeLabel, Values = ["true"] }],
            },
        ],
    };

    /// <summary>Creates the class when missing; true when this call created it.</summary>
    public static async Task<bool> EnsureAsync(IKubernetes client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.StorageV1.ReadStorageClassAsync(LocalPathNames.StorageClass, cancellationToken: ct);
            return false;
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Created below.
        }

        try
        {
            await client.StorageV1.CreateStorageClassAsync(Object(), cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (ApiFailures.IsAlreadyExists(e))
        {
            return false;
        }
    }
}
