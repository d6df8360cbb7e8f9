namespace Orchestrator.ApiServer.Admission.StorageObjectInUseProtection;

/// <summary>
/// Upstream's StorageObjectInUseProtection: a new PersistentVolume gets the <c>kubernetes.io/pv-protection</c>
/// finalizer and a new PersistentVolumeClaim <c>kubernetes.io/pvc-protection</c>, so neither disappears while
/// in use; the pv-protection and pvc-protection controllers remove them once it is safe.
/// </summary>
internal sealed class StorageObjectInUseProtection : IAdmissionPlugin
{
    public const string PvFinalizer = "kubernetes.io/pv-protection";
    public const string PvcFinalizer = "kubernetes.io/pvc-protection";

    public string Name => "StorageObjectInUseProtection";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    public void Admit(AdmissionAttributes attributes)
    {
        if (attributes.Subresource is not null || attributes.Resource.Group.Length != 0)
        {
            return;
        }

        var finalizer = attributes.Resource.Plural switch
        {
            "persistentvolumes" => PvFinalizer,
            "persistentvolumeclaims" => PvcFinalizer,
            _ => null,
        };
        if (finalizer is null)
        {
            return;
        }

        var metadata = JsonFields.Child(attributes.Object, "metadata");
        if (metadata["finalizers"] is not JsonArray finalizers)
        {
            metadata["finalizers"] = new JsonArray(finalizer);
        }
        else if (!finalizers.Any(f => JsonFields.Text(f) == finalizer))
        {
            finalizers.Add(finalizer);
        }
    }
}
