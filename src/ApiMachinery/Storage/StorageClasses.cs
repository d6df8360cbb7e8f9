namespace Orchestrator.ApiMachinery.Storage;

/// <summary>StorageClass questions the binder, the scheduler and provisioners ask, with upstream's answers.</summary>
public static class StorageClasses
{
    public const string IsDefaultAnnotation = "storageclass.kubernetes.io/is-default-class";

    public const string BetaIsDefaultAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    /// <summary>Upstream's GetDefaultClass: among classes marked default ("true"), the newest, then the first by name; null for none.</summary>
    public static V1StorageClass? Default(IEnumerable<V1StorageClass> classes) =>
        classes
            .Where(c => c.Metadata?.Annotations is { } a
                && ((a.TryGetValue(IsDefaultAnnotation, out var v) && v == "true") || (a.TryGetValue(BetaIsDefaultAnnotation, out var b) && b == "true")))
            .OrderByDescending(c => c.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(c => c.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The class binds only once a pod using the claim is scheduled (volumeBindingMode WaitForFirstConsumer).</summary>
    public static bool IsDelayBinding(V1StorageClass? storageClass) =>
        storageClass?.VolumeBindingMode == StorageAnnotations.WaitForFirstConsumer;
}
