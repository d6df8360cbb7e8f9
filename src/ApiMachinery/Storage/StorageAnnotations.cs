namespace Orchestrator.ApiMachinery.Storage;

/// <summary>
/// The annotations and finalizers of upstream's PersistentVolume machinery (component-helpers/storage/volume),
/// the contract between the binder, the scheduler, provisioners and the kubelet.
/// </summary>
public static class StorageAnnotations
{
    /// <summary>On a claim: its binding went through the initial setup (value unused).</summary>
    public const string BindCompleted = "pv.kubernetes.io/bind-completed";

    /// <summary>On a volume or claim: the binding was made by the controller, not pre-bound by the user.</summary>
    public const string BoundByController = "pv.kubernetes.io/bound-by-controller";

    /// <summary>On a volume: the name of the provisioner that created it.</summary>
    public const string ProvisionedBy = "pv.kubernetes.io/provisioned-by";

    /// <summary>On a claim: the provisioner expected to create its volume.</summary>
    public const string StorageProvisioner = "volume.kubernetes.io/storage-provisioner";

    /// <summary>The deprecated beta form of <see cref="StorageProvisioner"/>, still set as upstream does.</summary>
    public const string BetaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner";

    /// <summary>On a claim: the node the scheduler picked, for provisioning a WaitForFirstConsumer volume there.</summary>
    public const string SelectedNode = "volume.kubernetes.io/selected-node";

    /// <summary>The deprecated class annotation, read before spec.storageClassName as upstream does.</summary>
    public const string BetaStorageClass = "volume.beta.kubernetes.io/storage-class";

    /// <summary>The class provisioner meaning "no dynamic provisioning" (local volumes).</summary>
    public const string NoProvisioner = "kubernetes.io/no-provisioner";

    /// <summary>The finalizer that keeps a claim in use by a pod from being removed.</summary>
    public const string PvcProtectionFinalizer = "kubernetes.io/pvc-protection";

    /// <summary>The finalizer that keeps a bound volume from being removed.</summary>
    public const string PvProtectionFinalizer = "kubernetes.io/pv-protection";

    /// <summary>StorageClass volumeBindingMode that delays binding until a pod is scheduled.</summary>
    public const string WaitForFirstConsumer = "WaitForFirstConsumer";
}
