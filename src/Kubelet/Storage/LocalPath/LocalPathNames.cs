namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>
/// The names the local-path provisioner shares with the rest of the cluster: its provisioner name, the default
/// StorageClass, the node label its volumes' affinity uses (the claim and volume annotations are
/// ApiMachinery's <c>StorageAnnotations</c>), and how volumes and their
/// directories are named (external-provisioner's <c>pvc-&lt;claim uid&gt;</c>; rancher's <c>&lt;pv&gt;_&lt;namespace&gt;_&lt;claim&gt;</c>).
/// </summary>
public static class LocalPathNames
{
    /// <summary>The provisioner name a StorageClass names to be served by this provisioner.</summary>
    public const string Provisioner = "orchestrator.dev/local-path";

    /// <summary>The default StorageClass <c>up</c> creates.</summary>
    public const string StorageClass = "local-path";

    public const string HostnameLabel = "kubernetes.io/hostname";

    /// <summary>
    /// The label (value "true") of a node whose kubelet runs the provisioner: the default class's allowedTopologies
    /// name it, so the scheduler puts a pod with a claim of the class only where its volume can be made (a joined
    /// node has no identity that may create PersistentVolumes).
    /// </summary>
    public const string NodeLabel = "orchestrator.dev/local-path";

    /// <summary>The node's labels with <see cref="NodeLabel"/> added.</summary>
    public static IReadOnlyDictionary<string, string> WithNodeLabel(IReadOnlyDictionary<string, string> labels) =>
        new Dictionary<string, string>(labels) { [NodeLabel] = "true" };

    /// <summary>The PersistentVolume provisioned for the claim with <paramref name="claimUid"/>.</summary>
    public static string VolumeName(string claimUid) => "pvc-" + claimUid;

    /// <summary>The directory of a claim's volume under the node's storage root.</summary>
    public static string DirectoryName(string volumeName, string ns, string claimName) => $"{volumeName}_{ns}_{claimName}";
}
