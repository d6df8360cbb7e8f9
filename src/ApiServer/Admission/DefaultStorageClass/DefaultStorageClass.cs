using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.DefaultStorageClass;

/// <summary>
/// Upstream's DefaultStorageClass admission: a new PersistentVolumeClaim that names no class (neither
/// <c>spec.storageClassName</c>, even empty, nor the beta annotation) gets the default StorageClass, the
/// newest one annotated <c>storageclass.kubernetes.io/is-default-class: "true"</c>; without one it is left as is.
/// </summary>
internal sealed class DefaultStorageClass(IDefaultClassLookup classes) : IAdmissionPlugin
{
    public const string DefaultAnnotation = "storageclass.kubernetes.io/is-default-class";
    public const string BetaDefaultAnnotation = "storageclass.beta.kubernetes.io/is-default-class";
    private const string BetaClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    public string Name => "DefaultStorageClass";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    public void Admit(AdmissionAttributes attributes)
    {
        var claim = attributes.Object;
        if (attributes.Resource is not { Group: "", Plural: "persistentvolumeclaims" } || attributes.Subresource is not null
            || claim.At("spec", "storageClassName") is not null
            || claim.At("metadata", "annotations", BetaClassAnnotation) is not null)
        {
            return;
        }

        if (classes.Find("storage.k8s.io", "storageclasses", DefaultAnnotation, BetaDefaultAnnotation) is { } name)
        {
            Defaulting.JsonFields.Child(claim, "spec")["storageClassName"] = name;
        }
    }
}
