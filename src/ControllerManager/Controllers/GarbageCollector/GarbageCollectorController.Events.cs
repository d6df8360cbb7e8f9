namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>Which objects an informer event makes worth looking at again.</summary>
internal sealed partial class GarbageCollectorController
{
    private void OnChange(KindOperations kind, IKubernetesObject<V1ObjectMeta>? old, IKubernetesObject<V1ObjectMeta>? obj)
    {
        if (obj is not null)
        {
            EnqueueObject(kind, obj.Metadata);
            if (obj.Metadata.DeletionTimestamp is not null)
            {
                // Its dependents now see an owner deleting them (foreground) or letting them go (orphan).
                EnqueueDependents(obj.Metadata.Uid);
                EnqueueOwners(obj.Metadata);
            }
        }

        if (old is not null && obj is not null && !SameOwners(old.Metadata, obj.Metadata))
        {
            // An owner waiting in the foreground may have lost a blocking dependent.
            EnqueueOwners(old.Metadata);
        }

        if (old is not null && obj is null)
        {
            EnqueueDependents(old.Metadata.Uid);
            EnqueueOwners(old.Metadata);
        }
    }

    private void EnqueueObject(KindOperations kind, V1ObjectMeta meta) =>
        Runner.Enqueue(GarbageCollectorKeys.For(kind, meta.NamespaceProperty ?? "", meta.Name));

    private void EnqueueDependents(string uid)
    {
        foreach (var (kind, dependent) in DependentsOf(uid))
        {
            EnqueueObject(kind.Operations, dependent.Metadata);
        }
    }

    private void EnqueueOwners(V1ObjectMeta meta)
    {
        foreach (var owner in meta.OwnerReferences ?? [])
        {
            if (KindCatalog.Find(owner.ApiVersion, owner.Kind) is { } kind)
            {
                Runner.Enqueue(GarbageCollectorKeys.For(kind, meta.NamespaceProperty ?? "", owner.Name));
            }
        }
    }

    private static bool SameOwners(V1ObjectMeta a, V1ObjectMeta b) =>
        (a.OwnerReferences ?? []).Select(o => (o.Uid, o.BlockOwnerDeletion)).SequenceEqual((b.OwnerReferences ?? []).Select(o => (o.Uid, o.BlockOwnerDeletion)));
}
