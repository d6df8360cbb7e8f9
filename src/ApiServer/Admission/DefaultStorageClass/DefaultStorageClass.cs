namespace Orchestrator.ApiServer.Admission.DefaultStorageClass;

/// <summary>
/// Upstream's DefaultStorageClass admission: a new PersistentVolumeClaim that names no class (neither
/// <c>spec.storageClassName</c>, even empty, nor the beta <c>volume.beta.kubernetes.io/storage-class</c> annotation)
/// gets the default StorageClass, the newest one annotated <c>storageclass.kubernetes.io/is-default-class: "true"</c>
/// (or the beta annotation); without one it is left as is.
/// </summary>
internal sealed class DefaultStorageClass(IDefaultClassLookup classes) : DefaultClassAdmission(
    classes, ("", "persistentvolumeclaims"), "storageClassName", "volume.beta.kubernetes.io/storage-class", ("storage.k8s.io", "storageclasses"), DefaultAnnotation, BetaDefaultAnnotation)
{
    public const string DefaultAnnotation = "storageclass.kubernetes.io/is-default-class";
    public const string BetaDefaultAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    public override string Name => "DefaultStorageClass";
}
